import { isLocalDate, type LocalDate } from '../calendar/local-date';

/**
 * What a value must look like for the domain to hold it: the last check before
 * an event is appended and the first after one is read. The HTTP edge validates
 * requests for the caller's sake; these shapes keep the log readable whatever
 * the caller (HTTP, import, demo, an older version of the service) sent.
 *
 * A `Shape<T>` only accepts values of type T, so a table of shapes keyed by
 * event type (`{ [K in Type]: Shape<DataOf<K>> }`) fails to compile when an
 * event's type grows a field its shape does not check.
 */
export interface Shape<T> {
  /** Adds a problem per wrong part of `value`; `path` names the part as the API does (`payments[0].amount`). */
  check(value: unknown, path: string, problems: Problems): void;
  /** Only for the type checker: a shape fits exactly one type (a nullable field needs a nullable shape). */
  readonly _type?: (value: T) => T;
}

export interface ShapeProblem {
  field: string;
  message: string;
}

/**
 * Where the problems go. `strict`: fields the shape does not know are problems
 * too (when writing); reading passes over them, so an event an older version
 * wrote with a field since dropped stays readable.
 */
export interface Problems extends Array<ShapeProblem> {
  strict?: boolean;
}

const at = (path: string, field: string): string => (path ? `${path}.${field}` : field);
const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : typeof value;

function shape<T>(check: Shape<T>['check']): Shape<T> {
  return { check };
}

/** Problems of `value` against `s`, empty when it fits. */
export function problemsOf<T>(
  s: Shape<T>,
  value: unknown,
  { path = '', strict = true }: { path?: string; strict?: boolean } = {},
): ShapeProblem[] {
  const problems: Problems = Object.assign([], { strict });
  s.check(value, path, problems);
  return [...problems];
}

export function fits<T>(s: Shape<T>, value: unknown): value is T {
  return problemsOf(s, value).length === 0;
}

export const text = (opts: { max?: number } = {}): Shape<string> =>
  shape((value, path, problems) => {
    if (typeof value !== 'string') problems.push({ field: path, message: `must be text, not ${describe(value)}` });
    else if (opts.max !== undefined && value.length > opts.max)
      problems.push({ field: path, message: `must be at most ${opts.max} characters` });
  });

/** A non-empty code (district code, user name, case number): text without surrounding space. */
export const code = (): Shape<string> =>
  shape((value, path, problems) => {
    if (typeof value !== 'string' || value.length === 0 || value.trim() !== value || value.length > 200)
      problems.push({ field: path, message: `must be a non-empty code, not ${describe(value)}` });
  });

export const localDate: Shape<LocalDate> = shape((value, path, problems) => {
  if (!isLocalDate(value)) problems.push({ field: path, message: 'must be a date written YYYY-MM-DD' });
});

/** Money in öre: a whole number, above 0 unless `zero` is allowed, and within what a number holds exactly. */
export const ore = (opts: { zero?: boolean } = {}): Shape<number> =>
  shape((value, path, problems) => {
    // Reading, 0 passes as well: a stored nought harms no sum, a null or a text would.
    const least = opts.zero || !problems.strict ? 0 : 1;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < least)
      problems.push({
        field: path,
        message: `must be an amount ${opts.zero ? 'of 0 or more' : 'above 0'}, not ${describe(value)}`,
      });
  });

export const integer = (opts: { min?: number; max?: number } = {}): Shape<number> =>
  shape((value, path, problems) => {
    if (
      typeof value !== 'number' ||
      !Number.isSafeInteger(value) ||
      (opts.min !== undefined && value < opts.min) ||
      (opts.max !== undefined && value > opts.max)
    )
      problems.push({ field: path, message: `must be a whole number in range, not ${describe(value)}` });
  });

export const bool: Shape<boolean> = shape((value, path, problems) => {
  if (typeof value !== 'boolean')
    problems.push({ field: path, message: `must be true or false, not ${describe(value)}` });
});

export function literal<const T extends string | number | boolean>(expected: T): Shape<T> {
  return shape((value, path, problems) => {
    if (value !== expected) problems.push({ field: path, message: `must be ${JSON.stringify(expected)}` });
  });
}

/** One of a code list: its values, or the keys of a labelled catalogue. */
export function oneOf<const T extends string>(values: readonly T[] | Record<T, unknown>): Shape<T> {
  const allowed = new Set<string>(Array.isArray(values) ? values : Object.keys(values));
  return shape((value, path, problems) => {
    // A stored code the list no longer holds is still a code: readers show it as it is.
    const ok = problems.strict
      ? typeof value === 'string' && allowed.has(value)
      : typeof value === 'string' && value !== '';
    if (!ok) problems.push({ field: path, message: `must be one of ${[...allowed].join(', ')}` });
  });
}

/** Null allowed; a stored event that left the field out is read as null (older versions wrote less). */
export function nullable<T>(inner: Shape<T>): Shape<T | null> {
  return shape((value, path, problems) => {
    if (value === null || (value === undefined && !problems.strict)) return;
    inner.check(value, path, problems);
  });
}

/** A field that may be left out (an optional property); when present it must fit. */
export function optional<T>(inner: Shape<T>): Shape<T | undefined> {
  return shape((value, path, problems) => {
    if (value !== undefined) inner.check(value, path, problems);
  });
}

export function list<T>(item: Shape<T>, opts: { max?: number; min?: number } = {}): Shape<T[]> {
  return shape((value, path, problems) => {
    if (!Array.isArray(value)) {
      problems.push({ field: path, message: `must be a list, not ${describe(value)}` });
      return;
    }
    if (opts.max !== undefined && value.length > opts.max)
      problems.push({ field: path, message: `must hold at most ${opts.max} entries` });
    if (opts.min !== undefined && value.length < opts.min)
      problems.push({ field: path, message: `must hold at least ${opts.min} entries` });
    value.forEach((v, i) => item.check(v, `${path}[${i}]`, problems));
  });
}

type FieldShapes<T> = { [K in keyof T]-?: Shape<T[K]> };

/** An object's shape, with the shape of each field (so a reader can check only the fields it reads). */
export interface RecordShape<T> extends Shape<T> {
  readonly fields: FieldShapes<T>;
}

/**
 * An object with exactly these fields. A field's path is its name as the API
 * spells it: amounts held in öre (`amountOre`) are named in kronor (`amount`).
 */
export function record<T extends object>(fields: FieldShapes<T>): RecordShape<T> {
  const checkFields = fieldsChecker<T>(fields, Object.keys(fields) as Array<keyof T>, true);
  return { ...shape<T>(checkFields), fields };
}

/** Only the named fields of an object's shape: what one reader reads (other fields it passes over). */
export function pick<T, K extends keyof T>(from: RecordShape<T>, keys: readonly K[]): Shape<Pick<T, K>> {
  return shape(fieldsChecker<T>(from.fields, keys, false));
}

function fieldsChecker<T>(fields: FieldShapes<T>, keys: readonly (keyof T)[], whole: boolean): Shape<T>['check'] {
  const entries = keys.map((k) => [String(k), fields[k] as Shape<unknown>] as const);
  const known = new Set(entries.map(([k]) => k));
  return (value, path, problems) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      problems.push({ field: path || 'body', message: `must be an object, not ${describe(value)}` });
      return;
    }
    const object = value as Record<string, unknown>;
    for (const [key, fieldShape] of entries) fieldShape.check(object[key], at(path, apiName(key)), problems);
    if (whole && problems.strict)
      for (const key of Object.keys(object))
        if (!known.has(key)) problems.push({ field: at(path, apiName(key)), message: UNKNOWN_FIELD });
  };
}

export const UNKNOWN_FIELD = 'is not a known field';

const apiName = (key: string): string => (key.endsWith('Ore') && key.length > 3 ? key.slice(0, -3) : key);

/** Refines a shape with a rule over the whole value (e.g. one date not before another). */
export function refine<T>(inner: Shape<T>, rule: (value: T) => ShapeProblem | undefined): Shape<T> {
  return shape((value, path, problems) => {
    const before = problems.length;
    inner.check(value, path, problems);
    if (problems.length > before) return;
    const problem = rule(value as T);
    if (problem) problems.push({ ...problem, field: problem.field ? at(path, problem.field) : path || 'body' });
  });
}
