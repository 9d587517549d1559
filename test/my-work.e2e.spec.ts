import { AuditLog } from '../src/audit/audit-log';
import { caseStreamId } from '../src/cases/application/case-stream';
import { EVENT_STORE, type EventStore } from '../src/event-store/event-store.port';
import { PROBLEM } from '../src/labels/sv';
import {
  type LaterEvent,
  caseRegistered,
  caseSpecification,
  investigationCompleted,
  investigationOpened,
  investigatorAssigned,
  kr,
  payment,
  person,
  policeReportFiled,
  repaymentClaimDecided,
  suspected,
} from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

/**
 * My work first and reminders (issue 22): a case an investigator registers is
 * theirs at once and on their start page; "Ta ärendet" for an unassigned case
 * of one's own district; reminders (bevakningar) set, moved and marked done,
 * and those the service sets itself from the case's dates, on "Mina
 * bevakningar" and the case page. The service's day is Monday 2019-01-07.
 */
const TODAY = '2019-01-07';
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2019-01-07T10:00:00+01:00');
});
afterAll(async () => {
  await t.close();
});

const { given, givenCase, appendedTo } = caseSpecification(() => t);
const FARSTA = ['farsta'];
const asInvestigator = (user = 'utredare.farsta', districts = FARSTA) => t.as(user, 'investigator', districts);
/** The Swedish the screens show for a problem code. */
const swedish = (code: string): string => (PROBLEM as Record<string, string>)[code];

const registration = {
  district: 'farsta',
  receivedOn: '2019-01-04',
  source: 'caseworker',
  subject: { gender: 'woman' },
  suspectedPayments: [{ paidOn: '2018-11-25', amount: 4500 }],
};

describe('registering: the case is the registering investigator’s at once', () => {
  it('gives the case to the investigator who registers it, and it is first on their start page', async () => {
    const http = await asInvestigator();
    const res = await http.post('/api/cases').send(registration).expect(201);
    // The registration is still version 0: clients holding its ETag keep working.
    expect(res.body.version).toBe(0);
    const view = await http.get(`/api/cases/${res.body.id}`).expect(200);
    expect(view.body.investigator).toBe('utredare.farsta');
    const [registered] = await t.app.get<EventStore>(EVENT_STORE).readStream(caseStreamId(res.body.id));
    expect(registered.data).toMatchObject({ investigator: 'utredare.farsta' });
    const mine = await http.get('/api/my-work/cases').expect(200);
    expect(mine.body.items.map((c: { id: string }) => c.id)).toContain(res.body.id);
    // The case list's own filter finds it too, as the start page asked before.
    const listed = await http.get('/api/cases?open=true&investigator=utredare.farsta').expect(200);
    expect(listed.body.items.map((c: { id: string }) => c.id)).toContain(res.body.id);
  });

  it('leaves a unit head’s registration in the queue unless they name an investigator of the district', async () => {
    const head = await t.as('chef.farsta', 'unit-head', FARSTA);
    const queued = await head.post('/api/cases').send(registration).expect(201);
    expect((await head.get(`/api/cases/${queued.body.id}`)).body.investigator).toBeNull();

    // Signed in once: the service knows where they work.
    await (await asInvestigator('utredare2.farsta')).get('/api/my-work/cases').expect(200);
    const named = await head
      .post('/api/cases')
      .send({ ...registration, investigator: 'utredare2.farsta' })
      .expect(201);
    expect((await head.get(`/api/cases/${named.body.id}`)).body.investigator).toBe('utredare2.farsta');
  });

  it("leaves a protected person's case to the unit head, also when an investigator registers it", async () => {
    const http = await asInvestigator();
    const res = await http
      .post('/api/cases')
      .send({ ...registration, subject: { gender: 'woman', protectedIdentity: 'confidentiality-marking' } })
      .expect(201);
    const view = await t.http.get(`/api/cases/${res.body.id}`).expect(200);
    expect(view.body.investigator).toBeNull();
    // Nor can it be taken: the unit head gives it to someone.
    const refused = await http.post(`/api/cases/${res.body.id}/take`).send({}).expect(409);
    expect(refused.body.code).toBe('case-protected-identity');
    expect(swedish('case-protected-identity')).toBe(
      'Ärendet gäller en person med skyddade personuppgifter. Enhetschefen tilldelar det.',
    );
  });

  it('refuses to name someone of another district or unknown, and an investigator naming someone else', async () => {
    await t.as('utredare.bromma', 'investigator', ['bromma']).then((h) => h.get('/api/my-work/cases'));
    const head = await t.as('chef.farsta', 'unit-head', FARSTA);
    const before = await t.eventCount();
    const other = await head
      .post('/api/cases')
      .send({ ...registration, investigator: 'utredare.bromma' })
      .expect(422);
    expect(other.body).toMatchObject({ code: 'investigator-not-in-district', errors: [{ field: 'investigator' }] });
    const unknown = await head
      .post('/api/cases')
      .send({ ...registration, investigator: 'ingen.alls' })
      .expect(422);
    expect(unknown.body.code).toBe('unknown-investigator');
    const http = await asInvestigator();
    const forOther = await http
      .post('/api/cases')
      .send({ ...registration, investigator: 'utredare2.farsta' })
      .expect(403);
    expect(forOther.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(forOther.body).toMatchObject({ code: 'forbidden', errors: [{ field: 'investigator' }] });
    expect(await t.eventCount()).toBe(before);
    for (const code of ['investigator-not-in-district', 'unknown-investigator', 'forbidden'])
      expect(swedish(code)).toMatch(/\p{L}/u);
  });
});

describe('Ta ärendet: an unassigned case of one’s own district', () => {
  const unassigned = () =>
    caseRegistered({ receivedOn: '2019-01-02', suspectedPayments: [suspected('2018-12-01', 3000)] });

  it('makes the caller its investigator, audited, and the case view offers it only while nobody has it', async () => {
    const c = await givenCase(unassigned());
    const http = await asInvestigator();
    const view = await http.get(c.url).expect(200);
    expect(view.body.steps.find((s: { id: string }) => s.id === 'take-case')).toMatchObject({
      available: true,
      title: 'Ta ärendet',
    });
    const res = await http.post(`${c.url}/take`).set('If-Match', `"${c.version}"`).send({}).expect(200);
    expect(res.body.version).toBe(c.version + 1);
    expect(await appendedTo(c)).toEqual([
      { type: 'CaseTaken', data: { takenOn: TODAY, investigator: 'utredare.farsta' } },
    ]);
    const audited = t.app.get(AuditLog).find({ caseId: c.id, limit: 50 });
    expect(audited).toContainEqual(
      expect.objectContaining({ action: 'case.take', user: 'utredare.farsta', outcome: 'requested' }),
    );
    const after = await http.get(c.url).expect(200);
    expect(after.body.investigator).toBe('utredare.farsta');
    expect(after.body.steps.find((s: { id: string }) => s.id === 'take-case')).toMatchObject({
      available: false,
      unavailable: { code: 'case-has-investigator', message: swedish('case-has-investigator') },
    });
    expect((await http.get('/api/my-work/cases')).body.items.map((x: { id: string }) => x.id)).toContain(c.id);
  });

  it('is taken through the screens’ one path too', () =>
    given(unassigned())
      .as('utredare.farsta', 'investigator', FARSTA)
      .when((http, c) => http.post(`${c.url}/steps/take-case`).send({}))
      .then({
        status: 200,
        events: [{ type: 'CaseTaken', data: { takenOn: TODAY, investigator: 'utredare.farsta' } }],
      }));

  it('refuses another’s case with a Swedish reason; the unit head can still give it to someone else', async () => {
    const { res, case: c } = await given(
      unassigned(),
      investigatorAssigned({ assignedOn: TODAY, investigator: 'utredare2.farsta' }),
    )
      .as('utredare.farsta', 'investigator', FARSTA)
      .when((http, c) => http.post(`${c.url}/take`).send({}))
      .thenNothingAppended({ status: 409, code: 'case-has-investigator' });
    expect(swedish(res.body.code)).toBe(
      'Ärendet har redan en utredare. Enhetschefen kan tilldela det till någon annan.',
    );
    await (await asInvestigator()).get('/api/my-work/cases').expect(200);
    await t.http.post(`${c.url}/assignment`).send({ investigator: 'utredare.farsta' }).expect(200);
    expect((await t.http.get(c.url)).body.investigator).toBe('utredare.farsta');
  });

  it('answers a case of another district as unknown, and writes nothing', () =>
    given(unassigned())
      .as('utredare.bromma', 'investigator', ['bromma'])
      .when((http, c) => http.post(`${c.url}/take`).send({}))
      .thenNothingAppended({ status: 404, code: 'not-found' }));

  it('refuses to take a case for someone else', () =>
    given(unassigned())
      .as('utredare.farsta', 'investigator', FARSTA)
      .when((http, c) => http.post(`${c.url}/take`).send({ investigator: 'utredare2.farsta' }))
      .thenNothingAppended({ status: 422, code: 'take-only-yourself', fields: ['investigator'] }));
});

describe('bevakningar: the investigator’s own', () => {
  const mine = () =>
    [
      caseRegistered({ subject: person('19811218-9876', 'Test Testsson'), receivedOn: '2018-12-01' }),
      investigatorAssigned({ assignedOn: '2018-12-03', investigator: 'utredare.farsta' }),
    ] as const;

  it('sets one with a date and a text, kept encrypted, and shows it on Mina bevakningar and the case page', async () => {
    const { case: c } = await given(...mine())
      .as('utredare.farsta', 'investigator', FARSTA)
      .when((http, c) =>
        http.post(`${c.url}/reminders`).send({ dueOn: '2019-01-10', text: 'Ring Test Testsson om kontoutdragen' }),
      )
      .then({
        status: 200,
        events: [
          {
            type: 'ReminderSet',
            data: { reminderId: '1', setOn: TODAY, dueOn: '2019-01-10', text: 'Ring Test Testsson om kontoutdragen' },
          },
        ],
      });
    // Free text about the person: encrypted with the person's key in the log.
    const stored = (await t.app.get<EventStore>(EVENT_STORE).readStream(caseStreamId(c.id))).at(-1)!;
    expect(stored.data).toMatchObject({ text: expect.stringMatching(/^enc:v1:/) });
    const http = await asInvestigator();
    const list = await http.get('/api/my-work/reminders').expect(200);
    expect(list.body.items).toContainEqual(
      expect.objectContaining({
        caseId: c.id,
        reminderId: '1',
        kind: 'user',
        kindLabel: 'Egen bevakning',
        dueOn: '2019-01-10',
        overdue: false,
        text: 'Ring Test Testsson om kontoutdragen',
      }),
    );
    const view = await http.get(c.url).expect(200);
    expect(view.body.reminders).toEqual([
      expect.objectContaining({ reminderId: '1', kind: 'user', text: 'Ring Test Testsson om kontoutdragen' }),
    ]);
    // Never in the audit log: it names the request, not its body.
    expect(JSON.stringify(t.app.get(AuditLog).find({ caseId: c.id, limit: 50 }))).not.toMatch(/Testsson/);
  });

  it('refuses a day that has passed, in Swedish, and writes nothing', async () => {
    const { res } = await given(...mine())
      .as('utredare.farsta', 'investigator', FARSTA)
      .when((http, c) => http.post(`${c.url}/reminders`).send({ dueOn: '2019-01-06', text: 'I går' }))
      .thenNothingAppended({ status: 422, code: 'reminder-date-passed', fields: ['dueOn'], body: { today: TODAY } });
    expect(swedish(res.body.code)).toBe('Bevakningsdatumet har redan passerat. Välj i dag eller ett senare datum.');
  });

  const withReminder = (): [ReturnType<typeof caseRegistered>, ...LaterEvent[]] => [
    ...mine(),
    { type: 'ReminderSet', data: { reminderId: '1', setOn: '2018-12-20', dueOn: '2019-01-03', text: 'Begär beslut' } },
  ];

  it('moves one to a later day', () =>
    given(...withReminder())
      .as('utredare.farsta', 'investigator', FARSTA)
      .when((http, c) => http.post(`${c.url}/reminder-moves`).send({ reminderId: '1', dueOn: '2019-02-01' }))
      .then({
        status: 200,
        events: [{ type: 'ReminderMoved', data: { reminderId: '1', movedOn: TODAY, dueOn: '2019-02-01' } }],
      }));

  it('refuses to move one to a day gone by, or one the case does not have', async () => {
    await given(...withReminder())
      .as('utredare.farsta', 'investigator', FARSTA)
      .when((http, c) => http.post(`${c.url}/reminder-moves`).send({ reminderId: '1', dueOn: '2019-01-01' }))
      .thenNothingAppended({ status: 422, code: 'reminder-date-passed', fields: ['dueOn'] });
    await given(...withReminder())
      .as('utredare.farsta', 'investigator', FARSTA)
      .when((http, c) => http.post(`${c.url}/reminder-moves`).send({ reminderId: '7', dueOn: '2019-02-01' }))
      .thenNothingAppended({ status: 422, code: 'unknown-reminder', fields: ['reminderId'] });
  });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JSON answer, read field by field
  type Json = any;
  it('names the investigator’s own by their day, numbered only when two share one, alike on the case page and in the forms', async () => {
    const set = (reminderId: string, dueOn: string, text: string): LaterEvent => ({
      type: 'ReminderSet',
      data: { reminderId, setOn: '2018-12-20', dueOn, text },
    });
    const c = await givenCase(
      ...mine(),
      set('1', '2019-02-01', 'Ring banken'),
      set('2', '2019-01-20', 'Begär kontoutdrag'),
      set('3', '2019-02-01', 'Begär hyreskontrakt'),
    );
    const view = (await (await asInvestigator()).get(c.url).expect(200)).body;
    const named = Object.fromEntries(
      view.reminders.filter((r: Json) => r.kind === 'user').map((r: Json) => [r.reminderId, r.name]),
    );
    expect(named).toEqual({
      '1': 'Egen bevakning 2019-02-01 (1)',
      '2': 'Egen bevakning 2019-01-20',
      '3': 'Egen bevakning 2019-02-01 (2)',
    });
    for (const stepId of ['reminder-move', 'reminder-done']) {
      const field = view.steps.find((s: Json) => s.id === stepId).fields.find((f: Json) => f.name === 'reminderId');
      const options = Object.fromEntries(field.options.map((o: Json) => [o.id, o.label]));
      for (const id of ['1', '2', '3']) expect(options[id]).toBe(named[id]);
      // The investigator's text is personal data: never in an option.
      expect(JSON.stringify(field.options)).not.toMatch(/Ring banken|kontoutdrag|hyreskontrakt/);
    }
  });

  it('marks one done: it leaves Mina bevakningar, where it stood overdue', async () => {
    const c = await givenCase(...withReminder());
    const http = await asInvestigator();
    const before = (await http.get('/api/my-work/reminders').expect(200)).body;
    const row = before.items.find((r: { caseId: string }) => r.caseId === c.id);
    expect(row).toMatchObject({ reminderId: '1', overdue: true, daysOverdue: 4, caseVersion: c.version });
    await http
      .post(`${c.url}/reminders-done`)
      .set('If-Match', `"${row.caseVersion}"`)
      .send({ reminderId: '1' })
      .expect(200);
    expect(await appendedTo(c)).toEqual([
      { type: 'ReminderDone', data: { reminderId: '1', kind: 'user', doneOn: TODAY } },
    ]);
    const after = (await http.get('/api/my-work/reminders').expect(200)).body;
    expect(after.items.some((r: { caseId: string }) => r.caseId === c.id)).toBe(false);
    expect(after.overdue).toBe(before.overdue - 1);
  });

  it('lists only the reminders of the caller’s own cases', async () => {
    const c = await givenCase(...withReminder());
    const other = await t.as('utredare2.farsta', 'investigator', FARSTA);
    const list = (await other.get('/api/my-work/reminders').expect(200)).body;
    expect(list.items.some((r: { caseId: string }) => r.caseId === c.id)).toBe(false);
  });
});

describe('bevakningar the service sets from the case’s dates', () => {
  const assigned = investigatorAssigned({ assignedOn: '2018-02-02', investigator: 'utredare.farsta' });
  const opened = investigationOpened({ decidedOn: '2018-02-10' });
  /** 6000 kr paid 2016-02-15: its three-year limit is Friday 2019-02-15, 39 days from today. */
  const investigated = investigationCompleted({ incorrectPayments: [payment('2016-02-15', 6000)] });
  const claimed = repaymentClaimDecided({ amountOre: kr(6000), paymentIndexes: [0] });

  /** Given the history, the service's reminder shows on Mina bevakningar; marked done, it names its kind and goes. */
  async function remindsOf(kind: string, history: LaterEvent[], expected: Record<string, unknown>) {
    const c = await givenCase(caseRegistered(), assigned, ...history);
    const http = await asInvestigator();
    const shown = (await http.get('/api/my-work/reminders?pageSize=500').expect(200)).body.items.filter(
      (r: { caseId: string; kind: string }) => r.caseId === c.id && r.kind === kind,
    );
    expect(shown).toEqual([expect.objectContaining({ kind, ...expected })]);
    const [reminder] = shown as Array<{ reminderId: string }>;
    // On the case page too, with the same id.
    const view = (await http.get(c.url).expect(200)).body;
    expect(view.reminders.map((r: { reminderId: string }) => r.reminderId)).toContain(reminder.reminderId);
    await http.post(`${c.url}/reminders-done`).send({ reminderId: reminder.reminderId }).expect(200);
    expect(await appendedTo(c)).toEqual([
      { type: 'ReminderDone', data: { reminderId: reminder.reminderId, kind, doneOn: TODAY } },
    ]);
    const after = (await http.get('/api/my-work/reminders?pageSize=500').expect(200)).body.items;
    expect(
      after.some(
        (r: { reminderId: string; caseId: string }) => r.caseId === c.id && r.reminderId === reminder.reminderId,
      ),
    ).toBe(false);
  }

  it('the kommunicering’s last day to respond (förvaltningslagen 25 §)', () =>
    remindsOf(
      'communication-deadline',
      [
        opened,
        investigated,
        {
          type: 'CommunicationSent',
          data: {
            communicationId: '1',
            concerning: 'repayment-claim',
            sentOn: '2018-12-20',
            respondBy: '2019-01-03',
            material: 'Utredningen',
          },
        },
      ],
      {
        reminderId: 'communication-deadline:1',
        dueOn: '2019-01-03',
        overdue: true,
        basis: 'Förvaltningslagen (2017:900) 25 §',
      },
    ));

  it('a three-year limit within 60 days, with what it takes (SoL 9:3, 33:5)', () =>
    remindsOf('suit-deadline', [opened, investigated, claimed], {
      reminderId: 'suit-deadline:2019-02-15',
      dueOn: '2019-02-15',
      overdue: false,
      amount: 6000,
    }));

  it('a police report without an outcome after six months', () =>
    remindsOf('police-report-no-outcome', [opened, policeReportFiled({ filedOn: '2018-06-01', acts: [] })], {
      reminderId: 'police-report-no-outcome:1',
      dueOn: '2018-12-01',
      overdue: true,
      daysOverdue: 37,
    }));

  it('the nämnd’s appeal time against a judgment (förvaltningsprocesslagen 6 a §)', () =>
    remindsOf(
      'judgment-appeal-window',
      [
        opened,
        investigated,
        claimed,
        { type: 'CompensationSuitDecided', data: { claimId: '1', decidedOn: '2018-10-01' } },
        { type: 'CompensationSuitFiled', data: { claimId: '1', filedOn: '2018-10-05', amountOre: kr(6000) } },
        {
          type: 'CompensationJudgmentDecided',
          data: { claimId: '1', decidedOn: '2018-12-27', awardedAmountOre: kr(5000) },
        },
      ],
      // Three weeks from Thursday 27 December: Thursday 17 January.
      { reminderId: 'judgment-appeal-window:1:2018-12-27', dueOn: '2019-01-17', amount: 5000 },
    ));

  it('the limitation of the acts a police report names (brottsbalken 35 kap. 1 §)', () =>
    remindsOf(
      'offence-limitation',
      [
        // Ringa bidragsbrott committed before 2020: two years, so the act of 2017-02-01 is time-barred after 2019-02-01.
        policeReportFiled({ filedOn: '2018-03-01', offence: 'minor', acts: [suspected('2017-02-01', 2000)] }),
        {
          type: 'PoliceReportOutcomeRecorded',
          data: { reportId: '1', decidedOn: '2018-04-01', outcome: 'investigation-opened', offence: null },
        },
      ],
      { reminderId: 'offence-limitation:1:2019-02-01', dueOn: '2019-02-01', amount: 2000 },
    ));

  it('cannot move the service’s own reminder: it follows the case’s dates', () =>
    given(caseRegistered(), assigned, opened, investigated, claimed)
      .as('utredare.farsta', 'investigator', FARSTA)
      .when((http, c) =>
        http.post(`${c.url}/reminder-moves`).send({ reminderId: 'suit-deadline:2019-02-15', dueOn: '2019-02-20' }),
      )
      .thenNothingAppended({ status: 409, code: 'no-pending-reminder' }));
});

describe('Mina öppna ärenden: my cases, what is due first first', () => {
  it('orders my open cases by the first reminder or three-year deadline, nothing due last (the newest first)', async () => {
    const me = 'utredare.skarholmen';
    const districts = ['skarholmen'];
    const mineIn = (over: Parameters<typeof caseRegistered>[0], ...later: LaterEvent[]) =>
      givenCase(
        caseRegistered({ district: 'skarholmen', receivedOn: '2018-12-01', ...over }),
        investigatorAssigned({ assignedOn: '2018-12-20', investigator: me }),
        ...later,
      );
    const nothing = await mineIn({});
    const nothingNewer = await mineIn({ receivedOn: '2018-12-15' });
    const reminder = await mineIn(
      {},
      { type: 'ReminderSet', data: { reminderId: '1', setOn: '2018-12-05', dueOn: '2019-01-20', text: 'Titta igen' } },
    );
    // Its payment's three-year limit is Friday 2019-01-11: the service's reminder of it shows (60 days ahead).
    const deadline = await mineIn({ suspectedPayments: [suspected('2016-01-11', 1000)] });
    const overdue = await mineIn(
      {},
      { type: 'ReminderSet', data: { reminderId: '1', setOn: '2018-12-05', dueOn: '2018-12-28', text: 'Försenad' } },
    );
    const http = await t.as(me, 'investigator', districts);
    const list = (await http.get('/api/my-work/cases').expect(200)).body;
    // Nothing due: last, the newest first.
    expect(list.items.map((c: { id: string }) => c.id)).toEqual([
      overdue.id,
      deadline.id,
      reminder.id,
      nothingNewer.id,
      nothing.id,
    ]);
    expect(list.items.map((c: { nextDue: unknown }) => c.nextDue)).toEqual([
      { on: '2018-12-28', kind: 'user', label: 'Försenad', overdue: true },
      {
        on: '2019-01-11',
        kind: 'suit-deadline',
        label: 'Treårsgränsen för ersättningstalan närmar sig',
        overdue: false,
      },
      { on: '2019-01-20', kind: 'user', label: 'Titta igen', overdue: false },
      null,
      null,
    ]);
    expect(list.total).toBe(5);
  });
});
