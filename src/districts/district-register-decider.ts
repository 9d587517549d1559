import { type LocalDate, addDays } from '../calendar/local-date';
import { type District, isDistrictValidOn } from './district-register';

/**
 * The register of districts as data a municipality edits: its seed file, then
 * these events, so a new district or a merger needs no new release. Pure.
 */
type Ev<T extends string, D> = { type: T; data: D };
export type RegisterEvent =
  | Ev<'DistrictAdded', { code: string; name: string; prefix: string; validFrom: LocalDate }>
  /** The district ends the day before `mergedOn`; its open cases pass to `successor` on that day. */
  | Ev<'DistrictMerged', { code: string; successor: string; mergedOn: LocalDate }>;

export const REGISTER_EVENT_TYPES: readonly string[] = ['DistrictAdded', 'DistrictMerged'];
export const isRegisterEvent = (event: { type: string }): event is RegisterEvent =>
  REGISTER_EVENT_TYPES.includes(event.type);

type Cmd<T extends string, D> = { type: T; data: D; today: LocalDate };
export type RegisterCommand =
  | Cmd<'AddDistrict', { code: string; name: string; prefix: string; validFrom: LocalDate }>
  | Cmd<'MergeDistricts', { districts: string[]; into: string; mergedOn: LocalDate }>;

/** A refused change, naming the field: `conflict` with the register as it is (409), `rule` broken (422). */
export class RegisterRefusal extends Error {
  constructor(
    readonly kind: 'conflict' | 'rule',
    readonly code: string,
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'RegisterRefusal';
  }
}

const fieldError = (kind: 'rule' | 'conflict', code: string, message: string, field: string): RegisterRefusal =>
  new RegisterRefusal(kind, code, message, field);

function decide(command: RegisterCommand, districts: District[]): RegisterEvent[] {
  const byCode = new Map(districts.map((d) => [d.code, d]));
  switch (command.type) {
    case 'AddDistrict': {
      const d = command.data;
      if (byCode.has(d.code)) throw fieldError('conflict', 'district-exists', `District ${d.code} exists`, 'code');
      const holder = districts.find((x) => x.prefix === d.prefix);
      if (holder) {
        throw fieldError('conflict', 'prefix-in-use', `Prefix ${d.prefix} is ${holder.code}'s`, 'prefix');
      }
      return [{ type: 'DistrictAdded', data: { ...d } }];
    }
    case 'MergeDistricts': {
      const d = command.data;
      const into = byCode.get(d.into);
      if (!into) throw fieldError('rule', 'unknown-district', `District ${d.into} is not in the register`, 'into');
      if (!isDistrictValidOn(into, d.mergedOn)) {
        throw fieldError('rule', 'successor-not-valid', `${d.into} does not exist on ${d.mergedOn}`, 'into');
      }
      return d.districts.map((code) => {
        const ended = byCode.get(code);
        if (!ended)
          throw fieldError('rule', 'unknown-district', `District ${code} is not in the register`, 'districts');
        if (code === d.into)
          throw fieldError('rule', 'merged-into-itself', `${code} cannot merge into itself`, 'districts');
        if (ended.validTo !== null) {
          throw fieldError('conflict', 'district-ended', `${code} already ended on ${ended.validTo}`, 'districts');
        }
        if (d.mergedOn <= ended.validFrom) {
          throw fieldError('rule', 'date-before-step', `${code} starts on ${ended.validFrom}`, 'mergedOn');
        }
        return { type: 'DistrictMerged' as const, data: { code, successor: d.into, mergedOn: d.mergedOn } };
      });
    }
  }
}

function evolve(districts: District[], event: RegisterEvent): District[] {
  switch (event.type) {
    case 'DistrictAdded':
      return [...districts, { ...event.data, validTo: null, successor: null }];
    case 'DistrictMerged':
      return districts.map((d) =>
        d.code === event.data.code
          ? { ...d, validTo: addDays(event.data.mergedOn, -1), successor: event.data.successor }
          : d,
      );
  }
}

/** The register's decider over a seed (the municipality's own file). */
export const registerDecider = (seed: readonly District[]) => ({ decide, evolve, initialState: () => [...seed] });
