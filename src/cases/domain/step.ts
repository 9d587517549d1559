import type { LocalDate } from '../../calendar/local-date';
import type { District } from '../../districts/district-register';
import type { DelegationPoint } from '../../delegation/delegation-register';
import type { Infer, RecordShape } from '../../kernel/shape';
import type { CaseError } from './case-errors';
import type { CaseState, OpenCase } from './case-state';
import type { Law } from './catalogues';
import type { ProtectionBasis } from './persons';

/**
 * How a step of a FUT case is declared: once, in its own folder under
 * `src/cases/steps/`, holding its events (shape, Swedish name, business date,
 * how the case state takes it, what it adds to the statistics), its command
 * and decision, its request with each field's Swedish label, and the
 * refusals it can give. The HTTP route, the OpenAPI operation, the form the
 * screens show, the audit action, the timeline and the Swedish texts all
 * follow from the declaration (see `src/cases/steps/index.ts`).
 *
 * Everything here is plain data and functions: no framework.
 */

/** A fact an event adds to the statistics: kind, amount (öre) and code. */
export type StatFact = readonly [kind: string, amount: number, code: string | null];

/** What a statistics fact may depend on beyond the event: what the case already holds. */
export interface StatContext {
  /** Whether the case already has a decision to bring ersättningstalan for the claim. */
  suitDecided(claimId: string): boolean;
}

/**
 * A fact of how an event reads in the timeline, typed so the service writes it
 * in Swedish one way everywhere: an amount in öre, a date, a code with its
 * Swedish label list, a user, a district, a claim, a police report or another numbered thing of the case, a
 * count, or yes/no. Never free text: what a fact can hold cannot name the person.
 */
export type DetailValue =
  | { readonly kind: 'amount'; readonly ore: number }
  | { readonly kind: 'date'; readonly date: LocalDate }
  | { readonly kind: 'code'; readonly code: string; readonly labels: Labelled }
  | { readonly kind: 'user'; readonly user: string }
  | { readonly kind: 'district'; readonly district: string }
  | { readonly kind: 'claim'; readonly claimId: string }
  | { readonly kind: 'report'; readonly reportId: string }
  | { readonly kind: 'number'; readonly id: string }
  | { readonly kind: 'count'; readonly count: number }
  | { readonly kind: 'flag'; readonly value: boolean; readonly yes: string; readonly no: string };

/** One fact of the timeline: its Swedish label and its value. */
export interface Detail {
  readonly label: string;
  readonly value: DetailValue;
}

/** What an event's timeline facts may read beyond its data: what the case holds. */
export interface DetailContext {
  /** The law that governs a claim of the case (by its legal basis), or null for a claim it does not hold. */
  claimLaw(claimId: string): Law | null;
}

interface EventCommon<T extends string, D> {
  readonly type: T;
  /** What the data must hold: checked before the event is appended and whenever it is read. */
  readonly shape: RecordShape<D>;
  /** The timeline's name of the step it records. */
  readonly label: string;
  /** The business date it carries (the metadata's occurredOn). */
  readonly on: (data: D) => LocalDate;
  /**
   * How its data reads in the timeline: the amounts, the law, the coded reasons
   * and outcomes, who decided, the deadlines (null: a fact the data does not
   * hold). Never a personal field (a name, a personnummer, free text, a
   * reference that leads to the person): the timeline is read by everyone who
   * may read the case, and must not widen who sees personal data.
   */
  readonly details: (data: D, context: DetailContext) => ReadonlyArray<Detail | null>;
  /**
   * Older stored versions of the data brought up to today's, in order: the
   * first takes version 1 to 2, and so on. Today's version is one more than their number.
   */
  readonly upcasts?: ReadonlyArray<(data: Record<string, unknown>) => Record<string, unknown>>;
  /**
   * The data key its personal fields are encrypted with, when it is not the
   * case's (a second person's own key): culled with whatever that key is shredded with.
   */
  readonly dataKey?: (data: D) => string;
  /**
   * The statistics: which fields they read (those are checked on every event,
   * so a fault elsewhere stops the case list but not the counting) and the
   * facts the event adds.
   */
  readonly statistics: {
    readonly reads: ReadonlyArray<keyof D>;
    readonly facts: (data: D, context: StatContext) => StatFact[];
  };
  /** The event with this data, type-checked: how a decision makes it. */
  readonly of: (data: D) => { type: T; data: D };
}

/** The event that opens a case's stream. */
export interface OpeningEvent<T extends string, D> extends EventCommon<T, D> {
  readonly opens: (data: D) => OpenCase;
}

/** Any later event: how it changes the case. */
export interface LaterEvent<T extends string, D> extends EventCommon<T, D> {
  readonly evolve: (c: OpenCase, data: D) => OpenCase;
  /**
   * Whether its date is a step the case's later steps may not precede (assigning
   * an investigator, a journal note, voiding and culling are not).
   */
  readonly movesLastStep: boolean;
}

export type CaseEventDefinition<T extends string = string, D = never> = OpeningEvent<T, D> | LaterEvent<T, D>;

/** Declares a case event; its data type is the one its shape accepts. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any record shape: its type is read back with Infer
export function caseEvent<const T extends string, S extends RecordShape<any>>(
  type: T,
  definition: Omit<LaterEvent<T, Infer<S>>, 'type' | 'shape' | 'movesLastStep' | 'of'> & {
    shape: S;
    movesLastStep?: boolean;
  },
): LaterEvent<T, Infer<S>> {
  return {
    movesLastStep: true,
    ...definition,
    type,
    of: (data: Infer<S>) => ({ type, data }),
  } as unknown as LaterEvent<T, Infer<S>>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
export function openingEvent<const T extends string, S extends RecordShape<any>>(
  type: T,
  definition: Omit<OpeningEvent<T, Infer<S>>, 'type' | 'shape' | 'of'> & { shape: S },
): OpeningEvent<T, Infer<S>> {
  return { ...definition, type, of: (data: Infer<S>) => ({ type, data }) } as unknown as OpeningEvent<T, Infer<S>>;
}

// ---- requests: the fields a step's form and its API body hold -------------------------------

/** A code list as the screens name it: code → Swedish label. */
export type Labelled<K extends string = string> = Readonly<Record<K, string>>;

/** What a field of a step's request is: how the API validates it and how the screens ask for it. */
export type FieldKind =
  | { kind: 'date' }
  | { kind: 'amount'; zero: boolean }
  | { kind: 'choice'; labels: Labelled }
  | { kind: 'text'; max: number; multiline: boolean }
  | { kind: 'flag'; yes: string; no: string }
  | { kind: 'user' }
  | { kind: 'district' }
  | { kind: 'claim' }
  | { kind: 'report' }
  | { kind: 'reminder'; own: boolean }
  | { kind: 'payments'; max: number; grantedOn: boolean; calculation?: boolean }
  | { kind: 'positions'; max: number };

/** Who is taking a step: the signed-in user and their role (absent for in-process callers: the import, the demo). */
export interface Caller {
  user: string;
  role: string;
}

/** What the form knows of the case when it offers a field: its state, today, and who fills it in. */
export interface FormContext {
  c: OpenCase;
  today: LocalDate;
  caller?: Caller;
}

export type RequestField<V> = FieldKind & {
  /** Only for the type checker: the value the API hands on. */
  readonly _value?: V;
  /** The form's label, in Swedish. */
  readonly label: string;
  /** A hint under the field, in Swedish. */
  readonly hint?: string;
  /** The API's description of the field, in English. */
  readonly doc?: string;
  /** May be left out. */
  readonly optional: boolean;
  /** Shown (and sent) only while another field has one of these values. */
  readonly showIf?: { field: string; values: readonly string[] };
  /** Optional for the API, but the form asks for it whenever it shows it (the decider then needs it). */
  readonly requiredWhenShown?: boolean;
  /** What the form starts with, other than today (dates) or empty. */
  readonly initial?: (context: FormContext) => string;
  /**
   * What the form proposes once another field (a choice of the same request) has a value, for
   * each of its values: the form fills it in again when that choice changes.
   */
  readonly initialBy?: { field: string; initial: (context: FormContext, value: string) => string };
  /** Offered only when this holds (e.g. a claim to pick only with several claims). */
  readonly offeredIf?: (context: FormContext) => boolean;
  /** For API clients only: the form does not ask for it. */
  readonly hidden?: boolean;
};

type Options<V> = Partial<
  Pick<
    RequestField<V>,
    'hint' | 'doc' | 'showIf' | 'initial' | 'initialBy' | 'offeredIf' | 'requiredWhenShown' | 'hidden'
  >
>;
const field = <V>(kind: FieldKind, label: string, opts: Options<V> = {}): RequestField<V> & { optional: false } =>
  ({ ...kind, label, optional: false, ...opts }) as RequestField<V> & { optional: false };

/** A business date, YYYY-MM-DD. */
export const dateField = (label: string, opts?: Options<LocalDate>) =>
  field<LocalDate>({ kind: 'date' }, label, { hint: 'ÅÅÅÅ-MM-DD', ...opts });
/** An amount in kronor with at most two decimals: the command gets it in öre. */
export const amountField = (label: string, opts?: Options<number> & { zero?: boolean }) =>
  field<number>({ kind: 'amount', zero: opts?.zero ?? false }, label, {
    hint: 'Kronor, till exempel 4 500,00',
    ...opts,
  });
export const choiceField = <K extends string>(labels: Labelled<K>, label: string, opts?: Options<K>) =>
  field<K>({ kind: 'choice', labels }, label, opts);
export const textField = (label: string, opts: Options<string> & { max: number; multiline?: boolean }) =>
  field<string>({ kind: 'text', max: opts.max, multiline: opts.multiline ?? true }, label, opts);
export const flagField = (label: string, yes: string, no: string, opts?: Options<boolean>) =>
  field<boolean>({ kind: 'flag', yes, no }, label, opts);
export const userField = (label: string, opts?: Options<string>) => field<string>({ kind: 'user' }, label, opts);
export const districtField = (label: string, opts?: Options<string>) =>
  field<string>({ kind: 'district' }, label, opts);
/** Which of the case's claims a step concerns: asked only while the case has several. */
export const claimField = () =>
  optional(
    field<string>({ kind: 'claim' }, 'Återkrav', {
      doc: 'Which claim the step concerns (its claimId, e.g. "2"); may be left out while the case has one.',
      offeredIf: ({ c }) => c.claims.length > 1,
    }),
  );
/** Which of the case's police reports a step concerns: asked only while the case has several. */
export const reportField = () =>
  optional(
    field<string>({ kind: 'report' }, 'Polisanmälan', {
      doc: 'Which police report the step concerns (its reportId, e.g. "2"); may be left out while the case has one.',
      offeredIf: ({ c }) => c.policeReports.length > 1,
    }),
  );
/** Which of the case's reminders a step concerns (its reminderId): `own`, only the investigator's own. */
export const reminderField = (label: string, { own }: { own: boolean }) =>
  field<string>({ kind: 'reminder', own }, label, {
    doc: own
      ? 'Which of your reminders (its reminderId in the case view\'s reminders, e.g. "1").'
      : 'Which reminder (its reminderId in the case view\'s reminders): your own (e.g. "1") or the service\'s (e.g. "communication-deadline:1").',
  });
export interface PaymentInput {
  paidOn: LocalDate;
  /** The incorrect amount; may be left out where the calculation (paidAmount less correctAmount) gives it. */
  amount?: number;
  grantedOn?: LocalDate;
  /** The investigation's calculation: the month of assistance (YYYY-MM), what was paid, what should have been, and why. */
  month?: string;
  paidAmount?: number;
  correctAmount?: number;
  reason?: string;
}
/** Payments as rows; `calculation`: each row the investigation's calculation (month, paid, should have been paid, why). */
export const paymentsField = (
  label: string,
  opts: Options<PaymentInput[]> & { max: number; grantedOn: boolean; calculation?: boolean },
) =>
  field<PaymentInput[]>(
    { kind: 'payments', max: opts.max, grantedOn: opts.grantedOn, calculation: opts.calculation ?? false },
    label,
    opts,
  );
export const positionsField = (label: string, opts: Options<number[]> & { max: number }) =>
  field<number[]>({ kind: 'positions', max: opts.max }, label, opts);

/** Marks a field as one that may be left out. */
export function optional<V>(f: RequestField<V>): RequestField<V> & { optional: true } {
  return { ...f, optional: true } as RequestField<V> & { optional: true };
}

type ValueOf<F> = F extends RequestField<infer V> ? V : never;
type OptionalNames<F> = { [K in keyof F]: F[K] extends { optional: true } ? K : never }[keyof F];
/** The body a step's request fields make: what the API hands on once it has validated it. */
export type BodyOf<F> = { [K in Exclude<keyof F, OptionalNames<F>>]: ValueOf<F[K]> } & {
  [K in OptionalNames<F>]?: ValueOf<F[K]>;
};

/** A field that is only set when given: `{ ...given('claimId', body.claimId) }` gives `{ claimId?: string }`. */
export function given<const K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

// ---- steps ------------------------------------------------------------------------------------

/** What a step's command is given besides its body: the service's lookups, for the steps that need them. */
export interface CommandContext {
  /** The district of this code in the register, or undefined. */
  district(code: string): District | undefined;
  /** Who sent the request. */
  caller?: Caller;
}

/** What the service looks up for a decision, whoever sends the command (the API, the import, the demo). */
export interface Lookups {
  /** Where the staff directory knows a user to work; null when it does not know them at all. */
  staffDistricts(user: string): Promise<string[] | null>;
  /** A new data key for personal data of one person in one case (its id). */
  newDataKeyId(): string;
  /**
   * Why a person (by personnummer, in any form the registration takes) is
   * protected in a case of theirs, or null: not protected, or not a valid number.
   */
  knownProtection(personalIdentityNumber: string): Promise<ProtectionBasis | null>;
  /** The nämnd's delegation order: every version of every point (src/delegation). */
  delegationOrder(): Promise<readonly DelegationPoint[]>;
}

/** What a decision is given besides the command and the case. */
export interface DecideContext {
  /** Today in Stockholm: the service gives it, a decision never reads a clock. */
  today: LocalDate;
}

/**
 * A refusal's kind and its Swedish text: a `conflict` (409) is the case's state
 * (a step not possible now), a `rule` (422) a value the law or the process refuses.
 */
export type Refusal = readonly [kind: 'conflict' | 'rule', text: string];

/** Who may take a step: anyone who handles the district's cases, or only its unit head. */
export type StepActors = 'case-handlers' | 'unit-heads';

/** How a step is taken over HTTP and in the screens: POST /api/cases/{id}/<route> with its request. */
export interface HttpStep<F extends Record<string, RequestField<unknown>>, D> {
  /** The path under /api/cases/{id}/ it is posted to. */
  readonly route: string;
  /** The OpenAPI operation's summary, in English. */
  readonly summary: string;
  /** The form's heading and its button, in Swedish. */
  readonly title: string;
  readonly submit: string;
  /**
   * A step that cannot be undone: what it does, in Swedish. The form asks the person to confirm
   * it before it is sent, and shows its button as a secondary action, never as the main one.
   */
  readonly irreversible?: string;
  /** The request's fields, in the order the form shows them. */
  readonly request: F;
  /** The command's data from a validated body (amounts to öre, codes looked up). */
  readonly toCommand: (body: BodyOf<F>, context: CommandContext) => D;
}

export interface StepDefinition<
  C extends string = string,
  F extends Record<string, RequestField<unknown>> = Record<string, RequestField<unknown>>,
  D = unknown,
  R extends string = string,
  S = OpenCase,
> {
  /** The step's name: its folder, its form's id and (in PascalCase) its request's schema name. */
  readonly id: string;
  /** The command the decider takes. */
  readonly command: C;
  /** How the audit log names the step, in Swedish. */
  readonly auditLabel: string;
  readonly actors: StepActors;
  /** Its route and form; null for a step with a request of its own (registration). */
  readonly http: HttpStep<F, D> | null;
  /** The refusals this step can give beyond the common ones: code → its kind and Swedish text. */
  readonly refusals: Readonly<Record<R, Refusal>>;
  /**
   * What the case must be for the step to be taken at all, whatever the body:
   * the decider checks it first, and the case page offers the step only when
   * it holds (and says why not otherwise). Null: it holds.
   */
  readonly requires: (state: CaseState) => CaseError | null;
  /** What the service looks up before the decision, for every caller (e.g. where an investigator works). */
  readonly prepare?: (command: D, lookups: Lookups) => Promise<D>;
  /** The events the command leads to, or a refusal (a thrown CaseError). */
  readonly decide: (command: D, c: S, context: DecideContext) => ReadonlyArray<{ type: string; data: unknown }>;
}

/** Declares a step; the types of its body and its command follow from its fields and `toCommand`. */
export function defineStep<
  const C extends string,
  const F extends Record<string, RequestField<unknown>>,
  D,
  const R extends string = never,
>(definition: StepDefinition<C, F, D, R, OpenCase>): StepDefinition<C, F, D, R, OpenCase> {
  return definition;
}

/** Declares the step that opens a case: it decides on a case that does not exist yet. */
export function defineOpeningStep<const C extends string, D, const R extends string = never>(
  definition: StepDefinition<C, Record<never, never>, D, R, CaseState>,
): StepDefinition<C, Record<never, never>, D, R, CaseState> {
  return definition;
}
