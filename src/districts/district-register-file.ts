import { readFileSync } from 'node:fs';
import { DistrictRegister, isDistrict } from './district-register';

/** A municipality's own register: a JSON array of districts in the shape of districts.json. */
export function readDistrictRegister(path: string): DistrictRegister {
  const data: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!Array.isArray(data) || !data.every(isDistrict)) {
    throw new Error(`${path}: not a register of districts (code, name, prefix, validFrom, validTo, successor)`);
  }
  return new DistrictRegister(data);
}
