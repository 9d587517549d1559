import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DistrictRegister, isDistrictValidOn } from './district-register';
import { readDistrictRegister } from './district-register-file';

const register = DistrictRegister.default();
const d = (code: string) => register.get(code)!;

describe('the Stockholm register of districts', () => {
  it.each([
    ['norrmalm', '2023-06-30', true],
    ['norrmalm', '2023-07-01', false],
    ['ostermalm', '2021-03-01', true],
    ['norra-innerstaden', '2023-06-30', false],
    ['norra-innerstaden', '2023-07-01', true],
    ['hagersten-liljeholmen', '2020-06-30', true],
    ['alvsjo', '2020-07-01', false],
    ['hagersten-alvsjo', '2020-06-30', false],
    ['hagersten-alvsjo', '2020-07-01', true],
    ['rinkeby-kista', '2023-06-30', true],
    ['jarva', '2023-07-01', true],
  ] as const)('%s on %s: %s', (code, date, valid) => expect(isDistrictValidOn(d(code), date)).toBe(valid));

  it('gives each ended district its successor', () => {
    expect(register.districts.filter((x) => x.validTo !== null).map((x) => [x.code, x.successor, x.validTo])).toEqual([
      ['hagersten-liljeholmen', 'hagersten-alvsjo', '2020-06-30'],
      ['norrmalm', 'norra-innerstaden', '2023-06-30'],
      ['rinkeby-kista', 'jarva', '2023-06-30'],
      ['spanga-tensta', 'jarva', '2023-06-30'],
      ['alvsjo', 'hagersten-alvsjo', '2020-06-30'],
      ['ostermalm', 'norra-innerstaden', '2023-06-30'],
    ]);
  });

  it('follows successors to the district a case belongs to on a day', () => {
    expect(register.districtOn('norrmalm', '2023-06-30')).toBe('norrmalm');
    expect(register.districtOn('norrmalm', '2023-07-01')).toBe('norra-innerstaden');
    expect(register.districtOn('bromma', '2030-01-01')).toBe('bromma');
  });

  it('refuses a successor that does not exist on the day after its predecessor ends', () => {
    const bad = register.districts.map((x) => (x.code === 'norrmalm' ? { ...x, validTo: '2023-05-31' } : x));
    expect(() => new DistrictRegister(bad)).toThrow(/norrmalm/);
  });

  it("loads a municipality's own register from a file, and refuses one of the wrong shape", () => {
    const dir = mkdtempSync(join(tmpdir(), 'districts-'));
    const own = join(dir, 'uppsala.json');
    writeFileSync(
      own,
      JSON.stringify([
        { code: 'centrum', name: 'Centrum', prefix: 'CE', validFrom: '2010-01-01', validTo: null, successor: null },
      ]),
    );
    expect(
      readDistrictRegister(own)
        .all()
        .map((x) => x.code),
    ).toEqual(['centrum']);
    writeFileSync(own, JSON.stringify([{ code: 'centrum' }]));
    expect(() => readDistrictRegister(own)).toThrow(/not a register/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses an unknown successor', () => {
    const bad = register.districts.map((x) => (x.code === 'alvsjo' ? { ...x, successor: 'atlantis' } : x));
    expect(() => new DistrictRegister(bad)).toThrow(/atlantis/);
  });
});
