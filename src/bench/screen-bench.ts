/* eslint-disable no-console -- a benchmark prints its figures */
import type Database from 'better-sqlite3';
import { caseView } from '../cases/queries/case-view';
import type { OpenCase } from '../cases/domain/case-state';
import { caseListFacts } from '../cases/read-models/case-list-facts';
import { CaseListQueries } from '../cases/read-models/case-list.projection';
import type { DistrictRegister } from '../districts/district-register';
import { FixedClock } from '../infrastructure/clock';
import type { Consistency } from '../infrastructure/consistency.service';
import { QueuesService } from '../queues/queues.service';
import { benchInvestigator } from './history';
import type { PersonalData } from '../personal-data/personal-data';
import type { CaseListSortKey } from '../cases/read-models/case-list.projection';
import { districtOrder } from '../common/list-sort';

/**
 * The data behind each screen, read from the read models at the benchmark's
 * size: what one page load asks of the service (HTTP and rendering aside).
 */
export async function screenBench(db: Database.Database, districts: DistrictRegister, cases: number): Promise<void> {
  const today = '2019-01-10';
  const list = new CaseListQueries(db);
  // Reads wait for nothing here: the read models are rebuilt and current.
  const current = { readYourWrites: async () => undefined } as unknown as Consistency;
  // The bench's history holds its names as written (no key store here): shown as they are.
  const names = { revealOrNull: (stored: string | null) => stored } as unknown as PersonalData;
  const queues = new QueuesService(db, current, new FixedClock(new Date(`${today}T12:00:00Z`)), districts, names);
  const order = (key: Exclude<CaseListSortKey, 'name'>, descending = false) => ({
    sort: { key, descending },
    today,
    districtOrder: districtOrder(districts.all()),
  });
  const busiest = (
    db.prepare('SELECT district, COUNT(*) AS n FROM case_list GROUP BY district ORDER BY n DESC LIMIT 1').get() as {
      district: string;
    }
  ).district;
  const one = (
    db.prepare('SELECT case_id AS id FROM case_list WHERE district = ? LIMIT 1').get(busiest) as { id: string }
  ).id;
  const mine = benchInvestigator(busiest, 0);
  const ms = async (f: () => unknown): Promise<number> => {
    await f();
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const s = process.hrtime.bigint();
      await f();
      runs.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
    return Math.max(...runs);
  };
  const page = (filter: Parameters<CaseListQueries['list']>[0]) => () => {
    const { items } = list.list(filter, 1, 25);
    return items.map((r) => caseListFacts(JSON.parse(r.state) as OpenCase, today));
  };
  const figures: Array<[string, number]> = [
    ['Mina ärenden: open cases of a district, page 1', await ms(page({ districts: [busiest], open: true }))],
    [
      'Mina ärenden: last page of the whole city',
      await ms(() => list.list({ open: true }, Math.max(1, Math.floor(cases / 25)), 25)),
    ],
    [
      "Mina ärenden: an investigator's open cases",
      await ms(page({ districts: [busiest], investigator: mine, open: true })),
    ],
    [
      'Mina ärenden: their last page over the city',
      await ms(() =>
        list.list(
          { investigator: mine },
          Math.max(1, Math.ceil(list.list({ investigator: mine }, 1, 1).total / 25)),
          25,
        ),
      ),
    ],
    ['Mina ärenden: by case number', await ms(page({ caseNumber: 'XX-0000-0000', districts: [busiest] }))],
    [
      'Mina ärenden: a district, by amount at risk',
      await ms(() => list.list({ districts: [busiest], open: true }, 1, 25, order('amountAtRisk', true))),
    ],
    [
      'Mina ärenden: a district, by status',
      await ms(() => list.list({ districts: [busiest], open: true }, 1, 25, order('status'))),
    ],
    ['Mina ärenden: the city, by district', await ms(() => list.list({ open: true }, 1, 25, order('district')))],
    [
      'Ärende: case view from the folded state',
      await ms(() => {
        const row = db.prepare('SELECT state, version FROM case_list WHERE case_id = ?').get(one) as {
          state: string;
          version: number;
        };
        return caseView(JSON.parse(row.state) as OpenCase, row.version, today);
      }),
    ],
    ['Köer: summary of every district', await ms(() => queues.queueSummary(30, undefined))],
    ['Köer: the busiest district in detail', await ms(() => queues.districtQueue(busiest, 30))],
    ['Tidsfrister: the busiest district, 90 days', await ms(() => queues.deadlines([busiest], 90))],
    [
      'Tidsfrister: the busiest district, by amount',
      await ms(() =>
        queues.deadlines([busiest], 90, {
          pageSize: 50,
          upcoming: 1,
          pastLimit: 1,
          upcomingSort: { key: 'amountLost', descending: true },
          pastLimitSort: { key: 'expiredAmount', descending: true },
        }),
      ),
    ],
    [
      'Tidsfrister: every district, 365 days',
      await ms(() =>
        queues.deadlines(
          districts.districts.map((d) => d.code),
          365,
        ),
      ),
    ],
  ];
  console.log(`\nScreen data at ${cases.toLocaleString('en')} cases (slowest of 3 warm runs; Statistik: see above)`);
  for (const [name, value] of figures) console.log(`${name.padEnd(52)}${value.toFixed(1).padStart(10)} ms`);
}
