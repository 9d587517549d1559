import type Database from 'better-sqlite3';

export interface RecordedPlan {
  sql: string;
  plan: string[];
}

/**
 * A stand-in for a read-model connection that answers every statement with
 * its query plan (SQLite's EXPLAIN QUERY PLAN on `db`), recorded in `plans`.
 * The queries themselves get empty answers: `[]` from all(), `row` from get().
 */
export function explainingDatabase(db: Database.Database, plans: RecordedPlan[], row: object): Database.Database {
  return {
    prepare: (sql: string) => {
      const explain = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
      const record = (args: unknown[]) =>
        plans.push({ sql, plan: (explain.all(...args) as Array<{ detail: string }>).map((r) => r.detail) });
      return { all: (...args: unknown[]) => (record(args), []), get: (...args: unknown[]) => (record(args), row) };
    },
  } as unknown as Database.Database;
}
