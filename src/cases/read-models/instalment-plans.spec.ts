import Database from 'better-sqlite3';
import { explainingDatabase, type RecordedPlan } from '../../testing/query-plans';
import { CaseListProjection } from './case-list.projection';
import { InstalmentPlanQueries } from './instalment-plans';

/**
 * The plans behind on a day are an index range, read in the index's order
 * (several districts merged, never sorted); their total sums one kept count
 * per last day to pay; an OCR reference is a key. SQLite's own plan says so
 * (no temporary B-tree for a sort, no scan of a table that grows with the store).
 */
describe('the queries of the plans kept beside the case list', () => {
  const db = new Database(':memory:');
  new CaseListProjection(() => null).setup(db);
  const plans: RecordedPlan[] = [];
  const queries = new InstalmentPlanQueries(explainingDatabase(db, plans, { n: 0 }));
  const growing = /^SCAN (instalment_plans|instalment_ocr_references)\b/;

  it.each<[string, () => unknown]>([
    ['plans behind in one district', () => queries.behindPage(['farsta'], '2019-03-01', 3, 50)],
    [
      'plans behind in several districts',
      () => queries.behindPage(['farsta', 'bromma', 'kungsholmen'], '2019-03-01', 1, 50),
    ],
    ['the total behind', () => queries.behindTotal(['farsta', 'bromma'], '2019-03-01')],
    ['an OCR reference', () => queries.byOcrReference('123456782')],
  ])('%s: no sort, no scan of a growing table', (_name, run) => {
    plans.length = 0;
    run();
    expect(plans.length).toBeGreaterThan(0);
    for (const { sql, plan } of plans)
      expect({ sql, plan: plan.filter((d) => /TEMP B-TREE/.test(d) || growing.test(d)) }).toEqual({ sql, plan: [] });
  });
});
