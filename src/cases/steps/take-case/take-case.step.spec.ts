import { DistrictRegister } from '../../../districts/district-register';
import { specification } from '../../../testing/decider-specification';
import { type CaseCommand, type CaseEvent, caseDecider, replay } from '..';

/**
 * My work first (issue 22): a case an investigator registers is theirs at
 * once, and an investigator takes an unassigned case of their own district
 * ("Ta ärendet") without waiting for the unit head.
 */
const given = specification(caseDecider);
const TODAY = '2019-01-07';
const FARSTA = ['farsta'];
const farsta = DistrictRegister.default().get('farsta')!;

const registered = (over: Partial<Extract<CaseEvent, { type: 'CaseRegistered' }>['data']> = {}): CaseEvent => ({
  type: 'CaseRegistered',
  data: {
    caseId: 'c-1',
    caseNumber: 'FA-2019-0001',
    district: 'farsta',
    receivedOn: '2019-01-02',
    source: 'caseworker',
    subject: { personalIdentityNumber: null, name: null, gender: 'woman' },
    suspectedPayments: [],
    summary: null,
    dataKeyId: null,
    ...over,
  },
});
const take = (investigator: string, investigatorDistricts: string[] | null = FARSTA): CaseCommand => ({
  type: 'TakeCase',
  data: { investigator, investigatorDistricts },
  today: TODAY,
});

describe('taking an unassigned case (Ta ärendet)', () => {
  it('makes the taker its investigator, dated today', () =>
    given([registered()])
      .when(take('utredare.farsta'))
      .then([{ type: 'CaseTaken', data: { takenOn: TODAY, investigator: 'utredare.farsta' } }]));

  it('leaves the case to its investigator: a case someone has is the unit head to give to another', () => {
    const assigned: CaseEvent = { type: 'InvestigatorAssigned', data: { assignedOn: TODAY, investigator: 'annan' } };
    given([registered(), assigned]).when(take('utredare.farsta')).thenFails({ code: 'case-has-investigator' });
    // Taken already, even by the same person: nothing to take.
    given([registered(), { type: 'CaseTaken', data: { takenOn: TODAY, investigator: 'utredare.farsta' } }])
      .when(take('utredare.farsta'))
      .thenFails({ code: 'case-has-investigator', kind: 'conflict' });
  });

  it('refuses someone who does not work in the case district, or whom the service does not know', () => {
    given([registered()])
      .when(take('utredare.bromma', ['bromma']))
      .thenFails({ code: 'taker-not-in-district', kind: 'rule' });
    given([registered()]).when(take('okand', null)).thenFails({ code: 'taker-not-in-district' });
  });

  it("leaves a protected person's case to the unit head, who chooses who may see who the person is", () =>
    given([registered({ protectedIdentity: 'confidentiality-marking' })])
      .when(take('utredare.farsta'))
      .thenFails({ code: 'case-protected-identity', kind: 'conflict' }));

  it('refuses a closed or voided case', () => {
    given([registered(), { type: 'CaseClosed', data: { closedOn: '2019-01-03', reason: 'no-action' } }])
      .when(take('utredare.farsta'))
      .thenFails({ code: 'case-closed' });
    given([registered(), { type: 'CaseVoided', data: { voidedOn: '2019-01-03', reason: 'duplicate', note: null } }])
      .when(take('utredare.farsta'))
      .thenFails({ code: 'case-voided' });
  });
});

describe('registering a case with its investigator', () => {
  const register = (investigator?: string, investigatorDistricts?: string[] | null): CaseCommand => ({
    type: 'RegisterCase',
    data: {
      caseId: 'c-1',
      caseNumber: 'FA-2019-0001',
      district: farsta,
      receivedOn: '2019-01-02',
      source: 'caseworker',
      subject: { personalIdentityNumber: null, name: null, gender: 'woman' },
      suspectedPayments: [],
      summary: null,
      dataKeyId: null,
      ...(investigator ? { investigator, investigatorDistricts } : {}),
    },
    today: TODAY,
  });

  it('records who has the case from the start, and the case is theirs', () => {
    const events = given([]).when(register('utredare.farsta', FARSTA)).events();
    expect(events).toEqual([registered({ investigator: 'utredare.farsta' })]);
    const c = replay(events);
    expect(c.exists && c.investigator).toBe('utredare.farsta');
  });

  it('leaves the case in the queue when nobody is named (as the import and a unit head do)', () => {
    given([]).when(register()).then([registered()]);
    const c = replay([registered()]);
    expect(c.exists && c.investigator).toBeNull();
  });

  it('refuses an investigator of another district, or one the service does not know', () => {
    given([])
      .when(register('utredare.bromma', ['bromma']))
      .thenFails({ code: 'investigator-not-in-district', field: 'investigator' });
    given([]).when(register('okand', null)).thenFails({ code: 'unknown-investigator', field: 'investigator' });
  });
});
