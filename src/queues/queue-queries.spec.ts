import Database from 'better-sqlite3';
import { CaseListProjection } from '../cases/read-models/case-list.projection';
import { explainingDatabase, type RecordedPlan } from '../testing/query-plans';
import { QueueQueries } from './queue-queries';

/**
 * Every page reads its rows in the order of an index, and every total reads
 * kept sums or an index range: SQLite's own plan says so (no temporary B-tree
 * for a sort, no scan of a table that grows with the store). The read model
 * has no ANALYZE statistics, so the plan on an empty file is the plan on a full one.
 */
describe('the queue and deadline queries', () => {
  const db = new Database(':memory:');
  new CaseListProjection(() => null).setup(db);
  const plans: RecordedPlan[] = [];
  // The kept sums were made on another day than today, so the corrections run too.
  const explaining = explainingDatabase(db, plans, { n: 0, lostOre: 0, expiredOre: 0, asOf: '2019-01-01' });
  const queries = new QueueQueries(explaining);
  const page = { page: 3, pageSize: 50 };
  const growing = /^SCAN (c|l|case_list|case_limit_state|case_limit_losses)\b/;

  it.each<[string, () => unknown]>([
    ['a status list of a district', () => queries.statusPage('farsta', 'in-queue', page)],
    ['open investigations by investigator', () => queries.investigationsPage('farsta', page)],
    [
      'counts per status and investigator',
      () => [queries.statusCounts('farsta'), queries.investigatorCounts('farsta', 'investigating')],
    ],
    ['upcoming deadlines of one district', () => queries.upcomingPage(['farsta'], '2019-03-01', '2019-05-30', page)],
    [
      'upcoming deadlines of several districts',
      () => queries.upcomingPage(['farsta', 'bromma', 'kungsholmen'], '2019-03-01', '2019-05-30', page),
    ],
    ['the upcoming total', () => queries.upcomingTotal(['farsta', 'bromma'], '2019-03-01', '2019-05-30')],
    ['past limits of one district', () => queries.pastLimitPage(['farsta'], '2019-03-01', page)],
    [
      'past limits of several districts',
      () => queries.pastLimitPage(['farsta', 'bromma', 'kungsholmen'], '2019-03-01', page),
    ],
    ['the past-limit total', () => queries.pastLimitTotal(['farsta', 'bromma'], '2019-03-01')],
  ])('%s: no sort, no scan of a growing table', (_name, run) => {
    plans.length = 0;
    run();
    expect(plans.length).toBeGreaterThan(0);
    for (const { sql, plan } of plans) {
      expect({ sql, plan: plan.filter((d) => /TEMP B-TREE/.test(d) || growing.test(d)) }).toEqual({ sql, plan: [] });
    }
  });
});
