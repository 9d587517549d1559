import type { LocalDate } from '../../calendar/local-date';
import { type RecordShape, type Shape, type ShapeProblem, mapPersonal, pick, problemsOf } from '../../kernel/shape';
import type { CaseEventDefinition } from '../domain/step';
import { CASE_EVENT_DEFINITIONS } from './registry';

/**
 * The events of a FUT case's stream, as the step folders declare them: their
 * types, shapes, business dates, schema versions and personal fields all
 * follow from `CASE_EVENT_DEFINITIONS`. Money in öre.
 */
type Definitions = typeof CASE_EVENT_DEFINITIONS;
export type CaseEventType = keyof Definitions;
// Read from the shape alone: the definition's other members speak of the case state, which is made of this.
export type DataOf<K extends CaseEventType> = Definitions[K]['shape'] extends RecordShape<infer D> ? D : never;
export type CaseEvent = { [K in CaseEventType]: { type: K; data: DataOf<K> } }[CaseEventType];

// Each definition is filed under its own type: a definition under another name does not compile.
const _filedUnderItsType: { readonly [K in CaseEventType]: { readonly type: K } } = CASE_EVENT_DEFINITIONS;
void _filedUnderItsType;

export const CASE_EVENT_TYPES = Object.keys(CASE_EVENT_DEFINITIONS) as readonly CaseEventType[];

const definitions = CASE_EVENT_DEFINITIONS as unknown as Record<string, CaseEventDefinition<string, unknown>>;

/** The definition of an event type, for code that handles every event alike. */
export function definitionOf(type: CaseEventType): CaseEventDefinition<CaseEventType, unknown> {
  return definitions[type] as CaseEventDefinition<CaseEventType, unknown>;
}

export function isCaseEvent(event: { type: string }): event is CaseEvent {
  return Object.prototype.hasOwnProperty.call(definitions, event.type);
}

/** The business date each event carries (the metadata's occurredOn). */
export function businessDateOf(event: CaseEvent): LocalDate {
  return definitionOf(event.type).on(event.data);
}

/**
 * What is wrong with a case event's data, empty when the fold and the
 * projections can read it. `strict` (when writing) also refuses fields the
 * event does not have, codes outside their lists and amounts of 0; a stored event is read past them.
 */
export function caseEventProblems(event: { type: string; data: unknown }, strict: boolean): ShapeProblem[] {
  const definition = definitions[event.type];
  if (!definition) return [{ field: 'type', message: `${event.type} is not a case event` }];
  return problemsOf(definition.shape, event.data, { strict });
}

/** The fields of each case event one reader reads: it checks those and passes over the rest. */
export type CaseEventReads = { readonly [K in CaseEventType]: ReadonlyArray<keyof DataOf<K>> };

/** What the statistics read of each event, as each event's definition names it. */
export const STATISTICS_READS = Object.fromEntries(
  Object.entries(definitions).map(([type, d]) => [type, d.statistics.reads]),
) as unknown as CaseEventReads;

const partialShapes = new WeakMap<CaseEventReads, Map<string, Shape<unknown>>>();

/** What is wrong with the fields `reads` names, for a reader that needs no more of the event. */
export function caseEventProblemsFor(event: { type: string; data: unknown }, reads: CaseEventReads): ShapeProblem[] {
  let shapes = partialShapes.get(reads);
  if (!shapes) partialShapes.set(reads, (shapes = new Map()));
  let shape = shapes.get(event.type);
  if (!shape) {
    const definition = definitions[event.type];
    if (!definition) return [{ field: 'type', message: `${event.type} is not a case event` }];
    shape = pick(
      definition.shape,
      (reads as unknown as Record<string, readonly never[]>)[event.type],
    ) as Shape<unknown>;
    shapes.set(event.type, shape);
  }
  return problemsOf(shape, event.data, { strict: false });
}

/** The schema version a case event of this type is written at today. */
export function caseEventVersion(type: string): number {
  return 1 + (definitions[type]?.upcasts?.length ?? 0);
}

/** Every step from an older stored version to the next, for the event store's upcasters. */
export const CASE_EVENT_UPCASTERS: ReadonlyArray<{
  type: CaseEventType;
  fromVersion: number;
  upcast: (d: Record<string, unknown>) => Record<string, unknown>;
}> = Object.entries(definitions).flatMap(([type, d]) =>
  (d.upcasts ?? []).map((upcast, i) => ({ type: type as CaseEventType, fromVersion: i + 1, upcast })),
);

/** Brings one stored case event to its current shape (what the event store's upcasters do on read). */
export function upcastCaseEvent(event: { type: string; data: Record<string, unknown>; schemaVersion: number }): {
  type: string;
  data: Record<string, unknown>;
} {
  let data = event.data;
  const steps = definitions[event.type]?.upcasts ?? [];
  for (let v = event.schemaVersion; v <= steps.length; v++) data = steps[v - 1](data);
  return { type: event.type, data };
}

/**
 * The event with every personal field (a name, a personnummer, free text:
 * whatever its shape marks personal) changed by `change`: encrypted with the
 * person's data key before the event reaches the log. What a shape marks is
 * protected; a new free-text field cannot be forgotten here.
 */
export function mapPersonalFields(event: CaseEvent, change: (plain: string) => string): CaseEvent {
  const shape = definitionOf(event.type).shape as Shape<unknown>;
  return { type: event.type, data: mapPersonal(shape, event.data, change) } as CaseEvent;
}
