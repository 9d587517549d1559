import { specification } from '../testing/decider-specification';
import { DistrictRegister } from './district-register';
import { type RegisterEvent, registerDecider } from './district-register-decider';

/** The register as data the municipality edits: given the changes so far, when an administrator asks, then these events. */
const seed = DistrictRegister.default().districts;
const given = (events: RegisterEvent[]) => specification(registerDecider(seed))(events);
const TODAY = '2026-11-24';

const added: RegisterEvent = {
  type: 'DistrictAdded',
  data: { code: 'soder-och-sydvast', name: 'Söder och sydväst', prefix: 'SS', validFrom: '2027-01-01' },
};

describe('adding a district', () => {
  const add = (over: Partial<Extract<RegisterEvent, { type: 'DistrictAdded' }>['data']> = {}) => ({
    type: 'AddDistrict' as const,
    data: { ...added.data, ...over },
    today: TODAY,
  });

  it('adds a district from a date', () => given([]).when(add()).then([added]));
  it('refuses a code already in the register', () =>
    given([])
      .when(add({ code: 'bromma' }))
      .thenFails({ kind: 'conflict', code: 'district-exists', field: 'code' }));
  it('refuses a case-number prefix already in use', () =>
    given([])
      .when(add({ prefix: 'BR' }))
      .thenFails({ kind: 'conflict', code: 'prefix-in-use', field: 'prefix' }));
  it('sees its own earlier additions', () => given([added]).when(add()).thenFails({ code: 'district-exists' }));
});

describe('merging districts', () => {
  const merge = (over: Partial<{ districts: string[]; into: string; mergedOn: string }> = {}) => ({
    type: 'MergeDistricts' as const,
    data: { districts: ['sodermalm', 'skarholmen'], into: 'soder-och-sydvast', mergedOn: '2027-01-01', ...over },
    today: TODAY,
  });

  it('ends each district the day before the merger, naming the successor', () =>
    given([added])
      .when(merge())
      .then([
        { type: 'DistrictMerged', data: { code: 'sodermalm', successor: 'soder-och-sydvast', mergedOn: '2027-01-01' } },
        {
          type: 'DistrictMerged',
          data: { code: 'skarholmen', successor: 'soder-och-sydvast', mergedOn: '2027-01-01' },
        },
      ]));
  it('takes effect in the register', () => {
    const districts = [added, ...given([added]).when(merge()).events()].reduce(
      registerDecider(seed).evolve,
      registerDecider(seed).initialState(),
    );
    const register = new DistrictRegister(districts);
    expect(register.get('sodermalm')).toMatchObject({ validTo: '2026-12-31', successor: 'soder-och-sydvast' });
    expect(register.districtOn('skarholmen', '2027-01-01')).toBe('soder-och-sydvast');
  });
  it('refuses a successor not in the register', () =>
    given([]).when(merge()).thenFails({ kind: 'rule', code: 'unknown-district', field: 'into' }));
  it('refuses a successor that does not exist on the merger day', () =>
    given([added])
      .when(merge({ mergedOn: '2026-12-31' }))
      .thenFails({ kind: 'rule', code: 'successor-not-valid', field: 'into' }));
  it('refuses a district that has already ended', () =>
    given([added])
      .when(merge({ districts: ['norrmalm'] }))
      .thenFails({ kind: 'conflict', code: 'district-ended', field: 'districts' }));
  it('refuses merging a district into itself', () =>
    given([added])
      .when(merge({ districts: ['soder-och-sydvast'] }))
      .thenFails({ kind: 'rule', code: 'merged-into-itself', field: 'districts' }));
  it('refuses an unknown district', () =>
    given([added])
      .when(merge({ districts: ['atlantis'] }))
      .thenFails({ kind: 'rule', code: 'unknown-district', field: 'districts' }));
});
