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
  /** What the shape is made of, for what walks a value by its shape (personal data, a JSON schema). */
  readonly node: ShapeNode;
  /** Only for the type checker: a shape fits exactly one type (a nullable field needs a nullable shape). */
  readonly _type?: (value: T) => T;
}

/** A shape's structure: a value, an object of fields, a list, or a wrapper (nullable, optional, refined). */
export type ShapeNode =
  | {
      kind: 'value';
      personal: boolean;
      /** Who the person is (a name, a personnummer): withheld from readers a protected identity is not shown to. */
      identity?: boolean;
      type: 'string' | 'number' | 'boolean' | 'date' | 'code';
      values?: readonly string[];
    }
  | { kind: 'record'; fields: Readonly<Record<string, Shape<unknown>>> }
  | { kind: 'list'; item: Shape<unknown> }
  | { kind: 'wrap'; inner: Shape<unknown> };

/** The type a shape accepts. */
export type Infer<S> = S extends Shape<infer T> ? T : never;

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

const VALUE = (type: Extract<ShapeNode, { kind: 'value' }>['type']): ShapeNode => ({
  kind: 'value',
  personal: false,
  type,
});

function shape<T>(check: Shape<T>['check'], node: ShapeNode): Shape<T> {
  return { check, node };
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
  }, VALUE('string'));

/**
 * Text about a person (a name, a personnummer, free text): encrypted with the
 * person's data key before it is stored, so culling the key culls it. The
 * length is not checked here: stored, it is ciphertext.
 */
export const personalText = (opts: { identity?: boolean } = {}): Shape<string> => {
  const plain = text();
  return shape(plain.check, {
    kind: 'value',
    personal: true,
    type: 'string',
    ...(opts.identity ? { identity: true } : {}),
  });
};

/** A non-empty code (district code, user name, case number): text without surrounding space. */
export const code = (): Shape<string> =>
  shape((value, path, problems) => {
    if (typeof value !== 'string' || value.length === 0 || value.trim() !== value || value.length > 200)
      problems.push({ field: path, message: `must be a non-empty code, not ${describe(value)}` });
  }, VALUE('code'));

export const localDate: Shape<LocalDate> = shape((value, path, problems) => {
  if (!isLocalDate(value)) problems.push({ field: path, message: 'must be a date written YYYY-MM-DD' });
}, VALUE('date'));

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
  }, VALUE('number'));

export const integer = (opts: { min?: number; max?: number } = {}): Shape<number> =>
  shape((value, path, problems) => {
    if (
      typeof value !== 'number' ||
      !Number.isSafeInteger(value) ||
      (opts.min !== undefined && value < opts.min) ||
      (opts.max !== undefined && value > opts.max)
    )
      problems.push({ field: path, message: `must be a whole number in range, not ${describe(value)}` });
  }, VALUE('number'));

export const bool: Shape<boolean> = shape((value, path, problems) => {
  if (typeof value !== 'boolean')
    problems.push({ field: path, message: `must be true or false, not ${describe(value)}` });
}, VALUE('boolean'));

export function literal<const T extends string | number | boolean>(expected: T): Shape<T> {
  return shape(
    (value, path, problems) => {
      if (value !== expected) problems.push({ field: path, message: `must be ${JSON.stringify(expected)}` });
    },
    VALUE(typeof expected === 'string' ? 'code' : typeof expected === 'number' ? 'number' : 'boolean'),
  );
}

/** One of a code list: its values, or the keys of a labelled catalogue. */
export function oneOf<const T extends string>(values: readonly T[] | Record<T, unknown>): Shape<T> {
  const allowed = new Set<string>(Array.isArray(values) ? values : Object.keys(values));
  return shape(
    (value, path, problems) => {
      // A stored code the list no longer holds is still a code: readers show it as it is.
      const ok = problems.strict
        ? typeof value === 'string' && allowed.has(value)
        : typeof value === 'string' && value !== '';
      if (!ok) problems.push({ field: path, message: `must be one of ${[...allowed].join(', ')}` });
    },
    { kind: 'value', personal: false, type: 'code', values: [...allowed] },
  );
}

/** Null allowed; a stored event that left the field out is read as null (older versions wrote less). */
export function nullable<T>(inner: Shape<T>): Shape<T | null> {
  return shape(
    (value, path, problems) => {
      if (value === null || (value === undefined && !problems.strict)) return;
      inner.check(value, path, problems);
    },
    { kind: 'wrap', inner: inner as Shape<unknown> },
  );
}

/** A field that may be left out (an optional property); when present it must fit. */
export function optional<T>(inner: Shape<T>): Shape<T | undefined> {
  return shape(
    (value, path, problems) => {
      if (value !== undefined) inner.check(value, path, problems);
    },
    { kind: 'wrap', inner: inner as Shape<unknown> },
  );
}

export function list<T>(item: Shape<T>, opts: { max?: number; min?: number } = {}): Shape<T[]> {
  return shape(
    (value, path, problems) => {
      if (!Array.isArray(value)) {
        problems.push({ field: path, message: `must be a list, not ${describe(value)}` });
        return;
      }
      if (opts.max !== undefined && value.length > opts.max)
        problems.push({ field: path, message: `must hold at most ${opts.max} entries` });
      if (opts.min !== undefined && value.length < opts.min)
        problems.push({ field: path, message: `must hold at least ${opts.min} entries` });
      value.forEach((v, i) => item.check(v, `${path}[${i}]`, problems));
    },
    { kind: 'list', item: item as Shape<unknown> },
  );
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
  return {
    ...shape<T>(checkFields, { kind: 'record', fields: fields as Record<string, Shape<unknown>> }),
    fields,
  };
}

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type OptionalKeys<F> = { [K in keyof F]: undefined extends Infer<F[K]> ? K : never }[keyof F];
/** The object type of a set of field shapes: a field whose shape takes undefined may be left out. */
export type ObjectOf<F> = Simplify<
  { [K in Exclude<keyof F, OptionalKeys<F>>]: Infer<F[K]> } & { [K in OptionalKeys<F>]?: Infer<F[K]> }
>;

/** An object with exactly these fields, its type inferred from them (as `record`, without a type written first). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any field shape: its type is read back with Infer
export function object<F extends Record<string, Shape<any>>>(fields: F): RecordShape<ObjectOf<F>> {
  return record<ObjectOf<F>>(fields as unknown as FieldShapes<ObjectOf<F>>);
}

/** Only the named fields of an object's shape: what one reader reads (other fields it passes over). */
export function pick<T, K extends keyof T>(from: RecordShape<T>, keys: readonly K[]): Shape<Pick<T, K>> {
  return shape(fieldsChecker<T>(from.fields, keys, false), {
    kind: 'record',
    fields: Object.fromEntries(keys.map((k) => [k, from.fields[k]])) as Record<string, Shape<unknown>>,
  });
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
  return shape(
    (value, path, problems) => {
      const before = problems.length;
      inner.check(value, path, problems);
      if (problems.length > before) return;
      const problem = rule(value as T);
      if (problem) problems.push({ ...problem, field: problem.field ? at(path, problem.field) : path || 'body' });
    },
    { kind: 'wrap', inner: inner as Shape<unknown> },
  );
}

/**
 * The value with every personal field (a `personalText` anywhere in it)
 * replaced by `change(field)`: how events are encrypted before they are stored.
 * Everything else is kept as it is, by reference where nothing personal is inside.
 */
export function mapPersonal<T>(s: Shape<T>, value: T, change: (plain: string) => string): T {
  return walk(s as Shape<unknown>, value, change, (node) => node.personal) as T;
}

/**
 * The value with every field that says who a person is (a name, a personnummer:
 * `personalText({ identity: true })`) replaced by null: what a reader sees of a
 * protected identity they may not see. Other personal text stays.
 */
export function withholdIdentity<T>(s: Shape<T>, value: T): T {
  return walk(
    s as Shape<unknown>,
    value,
    () => null,
    (node) => node.identity === true,
  ) as T;
}

type ValueNode = Extract<ShapeNode, { kind: 'value' }>;

function walk(
  s: Shape<unknown>,
  value: unknown,
  change: (plain: string) => unknown,
  chosen: (node: ValueNode) => boolean,
): unknown {
  const node = s.node;
  if (value === null || value === undefined) return value;
  switch (node.kind) {
    case 'value':
      return chosen(node) && typeof value === 'string' ? change(value) : value;
    case 'wrap':
      return walk(node.inner, value, change, chosen);
    case 'list':
      return Array.isArray(value) ? value.map((v) => walk(node.item, v, change, chosen)) : value;
    case 'record': {
      if (typeof value !== 'object' || Array.isArray(value)) return value;
      const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      for (const [k, f] of Object.entries(node.fields)) if (k in out) out[k] = walk(f, out[k], change, chosen);
      return out;
    }
  }
}

/** Whether any part of a shape is personal data. */
export function holdsPersonalData(s: Shape<unknown>): boolean {
  const node = s.node;
  switch (node.kind) {
    case 'value':
      return node.personal;
    case 'wrap':
      return holdsPersonalData(node.inner);
    case 'list':
      return holdsPersonalData(node.item);
    case 'record':
      return Object.values(node.fields).some(holdsPersonalData);
  }
}
