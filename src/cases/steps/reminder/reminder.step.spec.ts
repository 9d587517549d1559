import { specification } from '../../../testing/decider-specification';
import { type CaseCommand, type CaseEvent, caseDecider, replay } from '..';
import type { OpenCase } from '../../domain/case-state';
import { NO_CALCULATION } from '../../domain/case-shapes';
import {
  AUTOMATIC_REMINDER_KINDS,
  DEFAULT_REMINDER_SETTINGS,
  automaticReminders,
  pendingReminders,
  remindersOn,
} from './automatic-reminders';

/** Bevakningar (issue 22): the investigator's own, and those the service sets from the case's dates. */
const given = specification(caseDecider);
const TODAY = '2019-01-07';

const registered: CaseEvent = {
  type: 'CaseRegistered',
  data: {
    caseId: 'c-1',
    caseNumber: 'FA-2018-0001',
    district: 'farsta',
    receivedOn: '2018-02-01',
    source: 'caseworker',
    subject: { personalIdentityNumber: null, name: null, gender: 'woman' },
    suspectedPayments: [{ paidOn: '2016-03-10', amountOre: 300_000 }],
    summary: null,
    dataKeyId: null,
  },
};
/** Without payments: no three-year limit to remind of. */
const bare: CaseEvent = { ...registered, data: { ...registered.data, suspectedPayments: [] } } as CaseEvent;
const opened: CaseEvent = {
  type: 'PreAssessmentMade',
  data: { decidedOn: '2018-02-10', decision: 'open-investigation', reason: null, suspectedCause: null },
};
/** 3000 kr paid 2016-03-10 (three-year limit 2019-03-11, a Monday), 5000 kr paid 2016-06-23 (limit 2019-06-24). */
const investigated: CaseEvent = {
  type: 'InvestigationCompleted',
  data: {
    completedOn: '2018-03-01',
    finding: 'incorrect-payment',
    cause: 'unreported-income',
    incorrectPayments: [
      { paidOn: '2016-03-10', amountOre: 300_000, grantedOn: '2016-03-10', ...NO_CALCULATION },
      { paidOn: '2016-06-23', amountOre: 500_000, grantedOn: '2016-06-23', ...NO_CALCULATION },
    ],
    intent: 'intentional',
    savedAmountOre: 0,
  },
};
const claimed: CaseEvent = {
  type: 'RepaymentClaimDecided',
  data: { claimId: '1', decidedOn: '2018-03-05', legalBasis: 'SoL 9:1', amountOre: 800_000, paymentIndexes: [0, 1] },
};
const closed: CaseEvent = { type: 'CaseClosed', data: { closedOn: '2018-12-01', reason: 'no-action' } };
const set = (reminderId: string, dueOn: string, text = 'Ring handläggaren', setOn = TODAY): CaseEvent => ({
  type: 'ReminderSet',
  data: { reminderId, setOn, dueOn, text },
});
const cmd = <T extends CaseCommand['type']>(type: T, data: Extract<CaseCommand, { type: T }>['data']) =>
  ({ type, data, today: TODAY }) as CaseCommand;
const stateOf = (events: CaseEvent[]): OpenCase => replay(events) as OpenCase;
const ids = (events: CaseEvent[], today = TODAY) =>
  remindersOn(stateOf(events), today, DEFAULT_REMINDER_SETTINGS).map((r) => r.reminderId);

describe("the investigator's own reminders", () => {
  it('sets one with a date and a text, numbered within the case', () => {
    given([registered])
      .when(cmd('SetReminder', { dueOn: '2019-02-01', text: '  Kontrollera kontoutdragen ' }))
      .then([set('1', '2019-02-01', 'Kontrollera kontoutdragen')]);
    given([registered, set('1', '2019-02-01')])
      .when(cmd('SetReminder', { dueOn: TODAY, text: 'I dag' }))
      .then([set('2', TODAY, 'I dag')]);
  });

  it('refuses a day that has passed', () =>
    given([registered])
      .when(cmd('SetReminder', { dueOn: '2019-01-06', text: 'I går' }))
      .thenFails({ code: 'reminder-date-passed', kind: 'rule', field: 'dueOn', details: { today: TODAY } }));

  it('takes one on a closed case too, not on a voided one', () => {
    given([registered, closed])
      .when(cmd('SetReminder', { dueOn: '2019-02-01', text: 'Svar från polisen?' }))
      .then([set('1', '2019-02-01', 'Svar från polisen?')]);
    given([registered, { type: 'CaseVoided', data: { voidedOn: '2018-02-02', reason: 'duplicate', note: null } }])
      .when(cmd('SetReminder', { dueOn: '2019-02-01', text: 'x' }))
      .thenFails({ code: 'case-voided' });
  });

  it('moves one to another day, not to a day gone by, and writes nothing for the same day', () => {
    given([registered, set('1', '2019-02-01')])
      .when(cmd('MoveReminder', { reminderId: '1', dueOn: '2019-03-01' }))
      .then([{ type: 'ReminderMoved', data: { reminderId: '1', movedOn: TODAY, dueOn: '2019-03-01' } }]);
    given([registered, set('1', '2019-02-01')])
      .when(cmd('MoveReminder', { reminderId: '1', dueOn: '2019-01-01' }))
      .thenFails({ code: 'reminder-date-passed', field: 'dueOn' });
    given([registered, set('1', '2019-02-01')])
      .when(cmd('MoveReminder', { reminderId: '1', dueOn: '2019-02-01' }))
      .then([]);
    const moved = stateOf([
      registered,
      set('1', '2019-02-01'),
      { type: 'ReminderMoved', data: { reminderId: '1', movedOn: TODAY, dueOn: '2019-03-01' } },
    ]);
    expect(moved.reminders).toEqual([
      { reminderId: '1', setOn: TODAY, dueOn: '2019-03-01', text: 'Ring handläggaren', doneOn: null },
    ]);
  });

  it("refuses to move one the case does not have, one that is done, or the service's own", () => {
    const done: CaseEvent = { type: 'ReminderDone', data: { reminderId: '1', kind: 'user', doneOn: TODAY } };
    given([registered])
      .when(cmd('MoveReminder', { reminderId: '1', dueOn: '2019-03-01' }))
      .thenFails({
        code: 'no-pending-reminder',
        kind: 'conflict',
      });
    given([registered, set('1', '2019-02-01'), done, set('2', '2019-02-01')])
      .when(cmd('MoveReminder', { reminderId: '1', dueOn: '2019-03-01' }))
      .thenFails({ code: 'unknown-reminder', field: 'reminderId' });
    given([registered, opened, investigated, claimed, set('1', '2019-02-01')])
      .when(cmd('MoveReminder', { reminderId: 'suit-deadline:2019-03-11', dueOn: '2019-03-01' }))
      .thenFails({ code: 'reminder-not-movable', field: 'reminderId' });
  });

  it('marks one done, after which it no longer shows', () => {
    const history = [bare, set('1', '2019-02-01')];
    const done = given(history)
      .when(cmd('MarkReminderDone', { reminderId: '1' }))
      .events();
    expect(done).toEqual([{ type: 'ReminderDone', data: { reminderId: '1', kind: 'user', doneOn: TODAY } }]);
    expect(ids(history)).toEqual(['1']);
    expect(ids([...history, ...done])).toEqual([]);
    given([...history, ...done])
      .when(cmd('MarkReminderDone', { reminderId: '1' }))
      .thenFails({ code: 'no-pending-reminder-at-all', kind: 'conflict' });
  });

  it('lists them by due day, the overdue first, whatever order they were set in', () => {
    const history = [bare, set('1', '2019-03-01'), set('2', '2019-01-10')];
    // Set on the 7th; read on the 20th: the 10th is overdue and comes first.
    expect(ids(history, '2019-01-20')).toEqual(['2', '1']);
  });
});

describe("the service's own reminders", () => {
  const sent = (communicationId: string, respondBy: string): CaseEvent => ({
    type: 'CommunicationSent',
    data: { communicationId, concerning: 'repayment-claim', sentOn: '2018-12-20', respondBy, material: 'Utredningen' },
  });

  it("reminds of a kommunicering's last day to respond until the answer is recorded (förvaltningslagen 25 §)", () => {
    const history = [registered, opened, investigated, sent('1', '2019-01-10')];
    const [reminder] = automaticReminders(stateOf(history), DEFAULT_REMINDER_SETTINGS);
    expect(reminder).toMatchObject({
      reminderId: 'communication-deadline:1',
      kind: 'communication-deadline',
      dueOn: '2019-01-10',
      showFrom: null,
      basis: 'Förvaltningslagen (2017:900) 25 §',
      text: expect.stringContaining('inför beslut om återkrav'),
    });
    const answered: CaseEvent = {
      type: 'CommunicationAnswered',
      data: { communicationId: '1', answer: 'responded', answeredOn: '2019-01-05', response: 'Jag bestrider' },
    };
    expect(ids([...history, answered])).toEqual([]);
  });

  it('reminds of each day the three-year limit takes money, from 60 days before it until the day (SoL 9:3 / 33:5)', () => {
    const history = [registered, opened, investigated, claimed];
    const suit = automaticReminders(stateOf(history), DEFAULT_REMINDER_SETTINGS).filter(
      (r) => r.kind === 'suit-deadline',
    );
    expect(
      suit.map(({ reminderId, dueOn, showFrom, hideAfter, amountOre }) => [
        reminderId,
        dueOn,
        showFrom,
        hideAfter,
        amountOre,
      ]),
    ).toEqual([
      ['suit-deadline:2019-03-11', '2019-03-11', '2019-01-10', '2019-03-11', 300_000],
      ['suit-deadline:2019-06-24', '2019-06-24', '2019-04-25', '2019-06-24', 500_000],
    ]);
    expect(ids(history, '2019-01-09')).toEqual([]);
    expect(ids(history, '2019-01-10')).toEqual(['suit-deadline:2019-03-11']);
    // Past its day the money is lost; the deadlines list shows what is past its limit.
    expect(ids(history, '2019-03-12')).toEqual([]);
    // The payments a case in the queue was registered with are watched from the day it came in, as the deadlines list does.
    expect(ids([registered], '2019-02-01')).toEqual(['suit-deadline:2019-03-11']);
    // A suit for the whole claim leaves nothing to lose; a closed case watches nothing.
    const sued: CaseEvent = {
      type: 'CompensationSuitFiled',
      data: { claimId: '1', filedOn: '2019-01-02', amountOre: 800_000 },
    };
    expect(ids([...history, sued], '2019-02-01')).toEqual([]);
    expect(
      ids([...history, { type: 'CaseClosed', data: { closedOn: '2019-01-02', reason: 'no-action' } }], '2019-02-01'),
    ).toEqual([]);
  });

  it('reminds of a police report without any outcome after six months, or the months set, even on a closed case', () => {
    const report: CaseEvent = {
      type: 'PoliceReportFiled',
      data: {
        reportId: '1',
        filedOn: '2018-03-31',
        offence: 'benefit-offence',
        recipient: 'police',
        reference: null,
        acts: [],
      },
    };
    const history: CaseEvent[] = [registered, opened, report];
    const due = (settings = DEFAULT_REMINDER_SETTINGS, events: CaseEvent[] = history) =>
      automaticReminders(stateOf(events), settings).find((r) => r.kind === 'police-report-no-outcome');
    // Six months from 31 March: 30 September, the month's last day (lag 1930:173, 1 §).
    expect(due()).toMatchObject({
      reminderId: 'police-report-no-outcome:1',
      dueOn: '2018-09-30',
      showFrom: '2018-09-30',
    });
    expect(due({ policeOutcomeMonths: 3 })?.dueOn).toBe('2018-06-30');
    expect(due(DEFAULT_REMINDER_SETTINGS, [...history, closed])?.dueOn).toBe('2018-09-30');
    const outcome: CaseEvent = {
      type: 'PoliceReportOutcomeRecorded',
      data: { reportId: '1', decidedOn: '2018-06-01', outcome: 'investigation-opened', offence: null },
    };
    expect(due(DEFAULT_REMINDER_SETTINGS, [...history, outcome])).toBeUndefined();
  });

  it("reminds of the nämnd's appeal time against a judgment until legal force or an appeal is recorded (FPL 6 a §)", () => {
    const suit: CaseEvent[] = [
      { type: 'CompensationSuitDecided', data: { claimId: '1', decidedOn: '2018-10-01' } },
      { type: 'CompensationSuitFiled', data: { claimId: '1', filedOn: '2018-10-05', amountOre: 800_000 } },
    ];
    const judged = (decidedOn: string): CaseEvent => ({
      type: 'CompensationJudgmentDecided',
      data: { claimId: '1', decidedOn, awardedAmountOre: 600_000 },
    });
    const appeal = (events: CaseEvent[]) =>
      automaticReminders(
        stateOf([registered, opened, investigated, claimed, ...suit, ...events]),
        DEFAULT_REMINDER_SETTINGS,
      ).filter((r) => r.kind === 'judgment-appeal-window');
    // Given Friday 2018-12-14: three weeks on is Friday 2019-01-04.
    expect(appeal([judged('2018-12-14')])).toMatchObject([
      { reminderId: 'judgment-appeal-window:1:2018-12-14', dueOn: '2019-01-04', amountOre: 600_000 },
    ]);
    // Given 2018-12-10: three weeks on is nyårsafton, so the last day is the next working day (lag 1930:173, 2 §).
    expect(appeal([judged('2018-12-10')]).map((r) => r.dueOn)).toEqual(['2019-01-02']);
    const legalForce: CaseEvent = {
      type: 'JudgmentGainedLegalForce',
      data: { claimId: '1', legalForceOn: '2019-01-05' },
    };
    expect(appeal([judged('2018-12-14'), legalForce])).toEqual([]);
    const appealed: CaseEvent = {
      type: 'JudgmentAppealed',
      data: { claimId: '1', appealedOn: '2019-01-02', appellant: 'person', court: 'kammarratten' },
    };
    expect(appeal([judged('2018-12-14'), appealed])).toEqual([]);
  });

  it("reminds of the reported acts' limitation 60 days ahead, until a prosecution or a decision not to prosecute (BrB 35:1)", () => {
    const report = (offence: 'benefit-offence' | 'minor'): CaseEvent => ({
      type: 'PoliceReportFiled',
      data: {
        reportId: '1',
        filedOn: '2018-02-20',
        offence,
        recipient: 'police',
        reference: null,
        acts: [
          { paidOn: '2016-03-10', amountOre: 300_000 },
          { paidOn: '2016-06-23', amountOre: 500_000 },
        ],
      },
    });
    const limitation = (events: CaseEvent[]) =>
      automaticReminders(stateOf([registered, ...events]), DEFAULT_REMINDER_SETTINGS)
        .filter((r) => r.kind === 'offence-limitation')
        .map(({ reminderId, dueOn, showFrom, amountOre }) => [reminderId, dueOn, showFrom, amountOre]);
    // Bidragsbrott: five years from each act.
    expect(limitation([report('benefit-offence')])).toEqual([
      ['offence-limitation:1:2021-03-10', '2021-03-10', '2021-01-09', 300_000],
      ['offence-limitation:1:2021-06-23', '2021-06-23', '2021-04-24', 500_000],
    ]);
    // Ringa bidragsbrott committed before 2020: two years.
    expect(limitation([report('minor')]).map(([, dueOn]) => dueOn)).toEqual(['2018-03-10', '2018-06-23']);
    const prosecuted: CaseEvent = {
      type: 'PoliceReportOutcomeRecorded',
      data: { reportId: '1', decidedOn: '2018-05-01', outcome: 'prosecuted', offence: null },
    };
    expect(limitation([report('benefit-offence'), prosecuted])).toEqual([]);
  });

  it('marks one done by its id, recording which kind it was; then it is gone, and its next day is a new reminder', () => {
    const history = [registered, opened, investigated, claimed];
    given(history)
      .when(cmd('MarkReminderDone', { reminderId: 'suit-deadline:2019-03-11' }))
      .then([
        {
          type: 'ReminderDone',
          data: { reminderId: 'suit-deadline:2019-03-11', kind: 'suit-deadline', doneOn: TODAY },
        },
      ]);
    const done: CaseEvent = {
      type: 'ReminderDone',
      data: { reminderId: 'suit-deadline:2019-03-11', kind: 'suit-deadline', doneOn: TODAY },
    };
    expect(ids([...history, done], '2019-02-01')).toEqual([]);
    expect(ids([...history, done], '2019-05-01')).toEqual(['suit-deadline:2019-06-24']);
    given([...history, done])
      .when(cmd('MarkReminderDone', { reminderId: 'suit-deadline:2019-03-11' }))
      .thenFails({ code: 'unknown-reminder', field: 'reminderId' });
  });

  it('reminds of the first instalment of a plan not paid in full, from the day after its last day to pay', () => {
    const plan: CaseEvent = {
      type: 'RepaymentPlanAgreed',
      data: { claimId: '1', agreedOn: '2018-03-10', monthlyAmountOre: 50_000, firstDueOn: '2018-04-16' },
    };
    const repaid = (amountOre: number, receivedOn: string): CaseEvent => ({
      type: 'RepaymentReceived',
      data: { claimId: '1', receivedOn, amountOre, kind: 'claim' },
    });
    const missed = (events: CaseEvent[], today: string) =>
      remindersOn(
        stateOf([registered, opened, investigated, claimed, plan, ...events]),
        today,
        DEFAULT_REMINDER_SETTINGS,
      )
        .filter((r) => r.kind === 'missed-instalment')
        .map(({ reminderId, dueOn, amountOre }) => [reminderId, dueOn, amountOre]);
    // 300 kr of 500 kr by the due day: short, and shown once the day has passed.
    const short = [repaid(30_000, '2018-04-16')];
    expect(missed(short, '2018-04-16')).toEqual([]);
    expect(missed(short, '2018-04-17')).toEqual([['missed-instalment:1:2018-03-10:1', '2018-04-16', 20_000]]);
    // The rest paid late: the first is covered, and the second is not due until 16 May.
    const caughtUp = [...short, repaid(20_000, '2018-04-20')];
    expect(missed(caughtUp, '2018-04-20')).toEqual([]);
    expect(missed(caughtUp, '2018-05-17')).toEqual([['missed-instalment:1:2018-03-10:2', '2018-05-16', 50_000]]);
    // A closed case's plan is no longer in force: nothing to remind of.
    expect(missed([...short, closed], '2019-01-07')).toEqual([]);
  });

  it('sets none on a voided case, and each kind has its rule', () => {
    const voided: CaseEvent = { type: 'CaseVoided', data: { voidedOn: '2018-12-01', reason: 'duplicate', note: null } };
    expect(
      pendingReminders(
        stateOf([registered, opened, investigated, claimed, set('1', '2019-02-01'), voided]),
        DEFAULT_REMINDER_SETTINGS,
      ),
    ).toEqual([]);
    expect(AUTOMATIC_REMINDER_KINDS).toEqual([
      'communication-deadline',
      'suit-deadline',
      'police-report-no-outcome',
      'judgment-appeal-window',
      'offence-limitation',
      'missed-instalment',
    ]);
  });
});
