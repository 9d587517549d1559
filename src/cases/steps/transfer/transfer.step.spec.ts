import { type District, DistrictRegister } from '../../../districts/district-register';
import { specification } from '../../../testing/decider-specification';
import { initialState } from '../../domain/case-state';
import { type CaseCommand, type CaseEvent, decideInItsDistrict, evolve } from '..';

/**
 * Mergers on the write itself: a step on a case whose district has ended
 * passes the case to the successor in the same decision (issue 20, item 6).
 * Norrmalm ended on 2023-06-30; Norra innerstaden takes its cases from 2023-07-01.
 */
const register = DistrictRegister.default();
const inRegister = (districts: { get(code: string): District | undefined }) =>
  specification<CaseCommand, CaseEvent, ReturnType<typeof initialState>>({
    decide: (command, state) => decideInItsDistrict(command, state, (code) => districts.get(code)),
    evolve,
    initialState,
  });
const given = inRegister(register);
const AFTER = '2023-07-03';

const registered = (district = 'norrmalm', receivedOn = '2023-06-20'): CaseEvent => ({
  type: 'CaseRegistered',
  data: {
    caseId: 'c-1',
    caseNumber: 'NM-2023-0001',
    district,
    receivedOn,
    source: 'caseworker',
    subject: { personalIdentityNumber: null, name: null, gender: 'woman' },
    suspectedPayments: [],
    summary: null,
    dataKeyId: null,
  },
});
const passed = (
  fromDistrict = 'norrmalm',
  toDistrict = 'norra-innerstaden',
  transferredOn = '2023-07-01',
): CaseEvent => ({
  type: 'CaseTransferred',
  data: { transferredOn, fromDistrict, toDistrict, byMerger: true },
});
const assess = (decidedOn: string, today = AFTER) =>
  ({
    type: 'MakePreAssessment',
    data: { decidedOn, decision: 'no-investigation', reason: 'no-grounds', suspectedCause: null },
    today,
  }) as CaseCommand;
const assessed = (decidedOn: string): CaseEvent => ({
  type: 'PreAssessmentMade',
  data: { decidedOn, decision: 'no-investigation', reason: 'no-grounds', suspectedCause: null },
});

describe('a step on a case whose district has ended', () => {
  it('passes the case to the successor first, then records the step under it', () =>
    given([registered()])
      .when(assess('2023-07-02'))
      .then([passed(), assessed('2023-07-02')]));
  it('records a step dated before the merger day under the district of that day, then passes the case on', () =>
    given([registered()])
      .when(assess('2023-06-28'))
      .then([assessed('2023-06-28'), passed()]));
  it('does not pass a case closed by a step dated before the merger day', () =>
    given([registered(), assessed('2023-06-25')])
      .when({ type: 'CloseCase', data: { closedOn: '2023-06-28', reason: 'no-action' }, today: AFTER } as CaseCommand)
      .then([{ type: 'CaseClosed', data: { closedOn: '2023-06-28', reason: 'no-action' } }]));
  it('passes nothing while the district still exists', () =>
    given([registered()])
      .when(assess('2023-06-28', '2023-06-30'))
      .then([assessed('2023-06-28')]));
  it('passes nothing when the step is refused: the refusal stands alone', () =>
    given([registered()])
      .when({
        type: 'CloseCase',
        data: { closedOn: '2023-07-02', reason: 'repaid-claim' },
        today: AFTER,
      } as CaseCommand)
      .thenFails({ code: 'closing-reason-not-met' }));
  it("leaves the sweep's own transfer as it is", () =>
    given([registered()])
      .when({
        type: 'TransferCase',
        data: {
          transferredOn: '2023-07-01',
          toDistrict: register.get('norra-innerstaden')!,
          merger: register.get('norrmalm')!,
        },
        today: AFTER,
      } as CaseCommand)
      .then([passed()]));
  it('moves nothing on a case already in the successor', () =>
    given([registered(), passed()])
      .when(assess('2023-07-02'))
      .then([assessed('2023-07-02')]));
  it('passes a registration in a district that existed on the received date but has ended since', () =>
    given([])
      .when({
        type: 'RegisterCase',
        data: { ...(registered().data as object), district: register.get('norrmalm')! },
        today: AFTER,
      } as CaseCommand)
      .then([registered(), passed()]));
  it('follows a successor that has itself ended, each on its own merger day', () => {
    const chain = new DistrictRegister([
      ...register.districts.filter((d) => d.code !== 'norra-innerstaden'),
      { ...register.get('norra-innerstaden')!, validTo: '2024-12-31', successor: 'innerstaden' },
      {
        code: 'innerstaden',
        name: 'Innerstaden',
        prefix: 'IS',
        validFrom: '2025-01-01',
        validTo: null,
        successor: null,
      },
    ]);
    inRegister(chain)([registered()])
      .when(assess('2025-01-10', '2025-01-15'))
      .then([passed(), passed('norra-innerstaden', 'innerstaden', '2025-01-01'), assessed('2025-01-10')]);
  });
});
