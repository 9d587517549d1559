import type { EventData, RecordedEvent } from './event-store.port';

/** Turns the data of one schema version into the next version's shape. */
export type Upcaster = (data: EventData) => EventData;

/**
 * Every event is read through one deserializer, which upcasts old schema
 * versions step by step to the current one, so an event's shape can change
 * without rewriting the log.
 */
export class EventUpcasters {
  private readonly steps = new Map<string, Upcaster>();
  private readonly current = new Map<string, number>();

  /** Registers the step from `fromVersion` to `fromVersion + 1` for a type. */
  register(type: string, fromVersion: number, upcast: Upcaster): this {
    this.steps.set(`${type}@${fromVersion}`, upcast);
    this.current.set(type, Math.max(this.current.get(type) ?? 1, fromVersion + 1));
    return this;
  }

  /** Current schema version of an event type (1 when it never changed). */
  currentVersion(type: string): number {
    return this.current.get(type) ?? 1;
  }

  upcast(event: RecordedEvent): RecordedEvent {
    const target = this.currentVersion(event.type);
    if (event.schemaVersion >= target) return event;
    let data = event.data;
    for (let v = event.schemaVersion; v < target; v++) {
      const step = this.steps.get(`${event.type}@${v}`);
      if (!step) throw new Error(`No upcaster for ${event.type} from schema version ${v}`);
      data = step(data);
    }
    return { ...event, data, schemaVersion: target };
  }
}

/** The raw row or record as an adapter reads it, before upcasting. */
export interface SerializedEvent {
  id: string;
  type: string;
  schemaVersion: number;
  data: string;
  metadata: string;
  streamId: string;
  revision: number;
  position: number;
}

export function deserialize(raw: SerializedEvent, upcasters: EventUpcasters): RecordedEvent {
  return upcasters.upcast({
    id: raw.id,
    type: raw.type,
    schemaVersion: raw.schemaVersion,
    data: JSON.parse(raw.data) as EventData,
    metadata: JSON.parse(raw.metadata) as RecordedEvent['metadata'],
    streamId: raw.streamId,
    revision: raw.revision,
    position: raw.position,
  });
}
