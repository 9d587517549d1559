import { specification } from '../testing/decider-specification';
import { type DelegationEvent, type PointTerms, delegationDecider } from './delegation-register-decider';
import { pointOn, pointsCovering } from './delegation-register';

/** The delegation order as data an administrator keeps: given the changes so far, when one is asked, then these events. */
const given = (events: DelegationEvent[]) => specification(delegationDecider)(events);
const TODAY = '2026-11-24';

const terms: PointTerms = {
  number: '4.2.1',
  title: 'Beslut om återkrav av ekonomiskt bistånd',
  decisionTypes: ['repayment-claim'],
  delegates: ['unit-head'],
  districts: null,
  maxAmountOre: null,
  validFrom: '2019-01-01',
};
const adopted = (over: Partial<PointTerms> = {}): DelegationEvent => ({
  type: 'DelegationPointAdopted',
  data: { ...terms, ...over },
});
const adopt = (over: Partial<PointTerms> = {}) => ({
  type: 'AdoptDelegationPoint' as const,
  data: { ...terms, ...over },
  today: TODAY,
});
const revoke = (revokedOn: string, number = '4.2.1') => ({
  type: 'RevokeDelegationPoint' as const,
  data: { number, revokedOn },
  today: TODAY,
});
const fold = (events: DelegationEvent[]) => events.reduce(delegationDecider.evolve, delegationDecider.initialState());

describe('adopting a point of the delegation order', () => {
  it('records the point from its date', () => given([]).when(adopt()).then([adopted()]));

  it('records a new wording from a later date; the old one ends the day before', () => {
    given([adopted()])
      .when(adopt({ delegates: ['section-head'], validFrom: '2021-03-01' }))
      .then([adopted({ delegates: ['section-head'], validFrom: '2021-03-01' })]);
    const points = fold([adopted(), adopted({ delegates: ['section-head'], validFrom: '2021-03-01' })]);
    expect(pointOn(points, '4.2.1', '2021-02-28')).toMatchObject({ delegates: ['unit-head'], validTo: '2021-02-28' });
    expect(pointOn(points, '4.2.1', '2021-03-01')).toMatchObject({ delegates: ['section-head'], validTo: null });
  });

  it('never rewrites a version: a new wording must start after the current one', () =>
    given([adopted()])
      .when(adopt({ validFrom: '2019-01-01' }))
      .thenFails({ kind: 'rule', code: 'delegation-point-not-after-current', field: 'validFrom' }));

  it('needs a delegate and a decision it covers', () => {
    given([])
      .when(adopt({ delegates: [] }))
      .thenFails({ code: 'no-delegates', field: 'delegates' });
    given([])
      .when(adopt({ decisionTypes: [] }))
      .thenFails({ code: 'no-decision-types', field: 'decisionTypes' });
  });

  it('keeps each delegate and decision once', () =>
    given([])
      .when(adopt({ delegates: ['unit-head', 'unit-head'], decisionTypes: ['waiver', 'waiver'] }))
      .then([adopted({ delegates: ['unit-head'], decisionTypes: ['waiver'] })]));
});

describe('revoking a point', () => {
  it('ends the version in force the day before', () => {
    given([adopted()])
      .when(revoke('2024-07-01'))
      .then([{ type: 'DelegationPointRevoked', data: { number: '4.2.1', revokedOn: '2024-07-01' } }]);
    const points = fold([
      adopted(),
      { type: 'DelegationPointRevoked', data: { number: '4.2.1', revokedOn: '2024-07-01' } },
    ]);
    expect(pointOn(points, '4.2.1', '2024-06-30')).toBeDefined();
    expect(pointOn(points, '4.2.1', '2024-07-01')).toBeUndefined();
  });

  it('refuses an unknown point, a point already revoked, and a date before the point held', () => {
    given([]).when(revoke('2024-07-01')).thenFails({ code: 'unknown-delegation-point', field: 'number' });
    given([adopted(), { type: 'DelegationPointRevoked', data: { number: '4.2.1', revokedOn: '2024-07-01' } }])
      .when(revoke('2025-01-01'))
      .thenFails({ kind: 'conflict', code: 'delegation-point-revoked' });
    given([adopted()]).when(revoke('2019-01-01')).thenFails({ code: 'revoked-before-adopted', field: 'revokedOn' });
  });
});

describe('which points cover a decision', () => {
  const points = fold([
    adopted(),
    adopted({ number: '4.3', decisionTypes: ['waiver'], delegates: ['unit-head'], districts: ['farsta'] }),
  ]);

  it('by decision, district and date', () => {
    expect(pointsCovering(points, 'repayment-claim', 'bromma', '2020-01-01').map((p) => p.number)).toEqual(['4.2.1']);
    expect(pointsCovering(points, 'waiver', 'farsta', '2020-01-01').map((p) => p.number)).toEqual(['4.3']);
    expect(pointsCovering(points, 'waiver', 'bromma', '2020-01-01')).toEqual([]);
    expect(pointsCovering(points, 'repayment-claim', 'bromma', '2018-12-31')).toEqual([]);
  });
});
