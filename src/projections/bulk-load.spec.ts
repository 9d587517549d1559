import Database from 'better-sqlite3';
import { syntheticHistory } from '../bench/history';
import { CaseListProjection } from '../cases/read-models/case-list.projection';
import { seededRandom } from '../demo/apportion';
import type { RecordedEvent } from '../event-store/event-store.port';
import { StatisticsProjection } from '../statistics/statistics.projection';
import type { Projection } from './projection';
import { loadInBulk } from '../testing/bulk-load';

/**
 * A bulk load from the start of the log must leave exactly the rows that
 * applying the same log batch by batch leaves. The log is a synthetic history
 * from the real decider (transfers, reopenings, several claims, personnummer),
 * its cases interleaved by the time each step was recorded, as in a real log.
 */
function interleavedLog(cases: number): RecordedEvent[] {
  const events: Array<Omit<RecordedEvent, 'position'>> = [];
  for (const c of syntheticHistory(cases, 11, 40)) {
    c.events.forEach((e, revision) => events.push({ ...e, streamId: c.streamId, revision }));
  }
  // Stable: a case's own steps keep their stream order when recorded at the same instant.
  const ordered = events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.metadata.recordedAt.localeCompare(b.e.metadata.recordedAt) || a.i - b.i);
  const next = new Map<string, number>();
  // A step recorded before an earlier step of its own case still comes after it in the stream.
  const log: RecordedEvent[] = [];
  const waiting = new Map<string, Array<Omit<RecordedEvent, 'position'>>>();
  const push = (e: Omit<RecordedEvent, 'position'>): void => {
    log.push({ ...e, position: log.length + 1 });
    next.set(e.streamId, e.revision + 1);
    const queued = waiting.get(e.streamId)?.find((w) => w.revision === e.revision + 1);
    if (queued) push(queued);
  };
  for (const { e } of ordered) {
    if ((next.get(e.streamId) ?? 0) === e.revision) push(e);
    else waiting.set(e.streamId, [...(waiting.get(e.streamId) ?? []), e]);
  }
  return log;
}

/** The case list's tables beside its rows: counts per investigator, loss days, and the sums as of a day. */
const CASE_LIMIT_TABLES = [
  'SELECT * FROM case_investigator_counts WHERE n <> 0 ORDER BY district, status, investigator',
  'SELECT * FROM case_limit_state ORDER BY case_id',
  'SELECT * FROM case_limit_losses ORDER BY district, deadline, case_number, case_id',
  'SELECT * FROM case_limit_loss_days WHERE n <> 0 ORDER BY district, deadline',
  'SELECT * FROM case_limit_past WHERE n <> 0 ORDER BY district',
  'SELECT * FROM case_limit_as_of',
  'SELECT * FROM case_reminders ORDER BY investigator, due_on, case_number, case_id, reminder_id',
];

const pinHash = (stored: string | null): string | null => (stored ? `h:${stored.slice(-4)}` : null);

function batchByBatch(projection: Projection, log: RecordedEvent[], db = new Database(':memory:')): Database.Database {
  projection.setup(db);
  const random = seededRandom(5);
  for (let i = 0; i < log.length;) {
    const batch = log.slice(i, i + 1 + Math.floor(random() * 300));
    db.transaction(() => projection.applyBatch!(batch, db))();
    i += batch.length;
  }
  return db;
}

describe('bulk load from the start of the log', () => {
  const log = interleavedLog(400);

  it('is a log with interleaved cases in stream order', () => {
    expect(log.length).toBeGreaterThan(1000);
    const seen = new Map<string, number>();
    let interleaved = 0;
    log.forEach((e, i) => {
      expect(e.revision).toBe((seen.get(e.streamId) ?? -1) + 1);
      seen.set(e.streamId, e.revision);
      if (i > 0 && log[i - 1].streamId !== e.streamId) interleaved++;
    });
    expect(interleaved).toBeGreaterThan(log.length / 2);
  });

  it('of the case list leaves the rows that batch by batch leaves', () => {
    const one = batchByBatch(new CaseListProjection(pinHash), log);
    const all = loadInBulk(new CaseListProjection(pinHash), log);
    for (const sql of [
      'SELECT * FROM case_list ORDER BY case_id',
      // Batch by batch, a district and status that had cases and has none keeps a zero.
      'SELECT * FROM case_counts WHERE n <> 0 ORDER BY district, status',
      ...CASE_LIMIT_TABLES,
    ]) {
      const expected = one.prepare(sql).all();
      expect(expected.length).toBeGreaterThan(0);
      expect(all.prepare(sql).all()).toEqual(expected);
    }
  });

  it('of the statistics leaves the rows that batch by batch leaves', () => {
    const one = batchByBatch(new StatisticsProjection(), log);
    const all = loadInBulk(new StatisticsProjection(), log);
    for (const sql of [
      'SELECT * FROM stat_cases ORDER BY case_key',
      'SELECT * FROM stat_facts ORDER BY case_key, rowid',
      'SELECT * FROM stat_sum WHERE n <> 0 ORDER BY part, year, district, metric',
      'SELECT * FROM stat_day WHERE n <> 0 ORDER BY part, year, district, metric, rec_day',
    ]) {
      const expected = one.prepare(sql).all();
      expect(expected.length).toBeGreaterThan(0);
      expect(all.prepare(sql).all()).toEqual(expected);
    }
  });

  it('of both is carried on by live events batch by batch', () => {
    const cut = Math.floor(log.length / 2);
    const sql = [
      'SELECT * FROM case_list ORDER BY case_id',
      'SELECT * FROM case_counts WHERE n <> 0 ORDER BY district, status',
      ...CASE_LIMIT_TABLES,
      'SELECT * FROM stat_cases ORDER BY case_key',
      'SELECT * FROM stat_facts ORDER BY case_key, rowid',
      'SELECT * FROM stat_sum WHERE n <> 0 ORDER BY part, year, district, metric',
      'SELECT * FROM stat_day WHERE n <> 0 ORDER BY part, year, district, metric, rec_day',
    ];
    const one = batchByBatch(new StatisticsProjection(), log, batchByBatch(new CaseListProjection(pinHash), log));
    const mixed = new Database(':memory:');
    for (const make of [() => new CaseListProjection(pinHash), () => new StatisticsProjection()]) {
      loadInBulk(make(), log.slice(0, cut), mixed);
      batchByBatch(make(), log.slice(cut), mixed);
    }
    for (const q of sql) expect(mixed.prepare(q).all()).toEqual(one.prepare(q).all());
  });
});
