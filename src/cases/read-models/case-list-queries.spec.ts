import Database from 'better-sqlite3';
import fc from 'fast-check';
import { explainingDatabase, type RecordedPlan } from '../../testing/query-plans';
import { CaseListProjection, CaseListQueries, type CaseListFilter } from './case-list.projection';

const CITY = ['bromma', 'farsta', 'hagsatra', 'jarva', 'kungsholmen', 'norrmalm', 'ostermalm', 'skarholmen'];
const STATUSES = ['in-queue', 'investigating', 'investigated', 'not-opened', 'follow-up', 'closed', 'voided'];

/**
 * The filters the screens and API clients send. Each names the columns its WHERE reads: the index
 * that orders the page must hold them all, so the rows a page skips (OFFSET) are passed over in
 * the index and only the page's own rows are read from the table. Otherwise the last page of the
 * city reads every case row before it, and "Mina ärenden" reads a district's every row to find
 * one investigator's few.
 */
const SHAPES: Array<[string, CaseListFilter, string[]]> = [
  ['the city, open cases', { districts: CITY, open: true }, ['district', 'status']],
  ['the city, every case', { districts: CITY }, ['district']],
  ['the city, one status', { districts: CITY, status: 'investigating' }, ['district', 'status']],
  ['one district, open cases', { districts: ['farsta'], open: true }, ['district', 'status']],
  ['a district picked among several', { districts: CITY, district: 'farsta', open: true }, ['district', 'status']],
  ['one district, one status', { districts: ['farsta'], status: 'follow-up' }, ['district', 'status']],
  [
    'Mina ärenden: my open cases',
    { districts: ['farsta'], investigator: 'utredare.farsta', open: true },
    ['district', 'status', 'investigator'],
  ],
  [
    'my open cases over several districts',
    { districts: CITY, investigator: 'utredare.farsta', open: true },
    ['district', 'status', 'investigator'],
  ],
  [
    'my cases in one status',
    { districts: ['farsta'], investigator: 'utredare.farsta', status: 'investigating' },
    ['district', 'status', 'investigator'],
  ],
  [
    'received in a period',
    { districts: CITY, receivedFrom: '2018-01-01', receivedTo: '2018-12-31' },
    ['district', 'received_on'],
  ],
  ['without a district filter (the service itself)', { open: true }, ['status']],
];

describe('the case list queries', () => {
  const db = new Database(':memory:');
  new CaseListProjection(() => null).setup(db);
  const plans: RecordedPlan[] = [];
  const explaining = explainingDatabase(db, plans, { n: 0 });
  const columnsOf = (index: string): string[] =>
    (db.prepare(`PRAGMA index_info(${index})`).all() as Array<{ name: string }>).map((c) => c.name);

  it.each(SHAPES)('%s: a deep page passes over the skipped cases in an index, in order', (_name, filter, where) => {
    plans.length = 0;
    new CaseListQueries(explaining).list(filter, 40, 25);
    const [page] = plans;
    expect(page.plan.filter((d) => /TEMP B-TREE/.test(d))).toEqual([]);
    const index = page.plan.map((d) => /^(?:SCAN|SEARCH) case_list USING (?:COVERING )?INDEX (\w+)/.exec(d)?.[1])[0];
    expect({ plan: page.plan, index }).toEqual({ plan: page.plan, index: expect.any(String) });
    expect(columnsOf(index!)).toEqual(expect.arrayContaining(where));
  });

  it.each(SHAPES.filter(([, f]) => !f.receivedFrom))('%s: the total comes from kept counts', (_name, filter) => {
    plans.length = 0;
    new CaseListQueries(explaining).list(filter, 40, 25);
    const total = plans[1];
    expect(total.plan.filter((d) => /\bcase_list\b/.test(d))).toEqual([]);
  });

  it('every filter pages through the same cases, in the same order and with the same total, as a plain reading', () => {
    const row = fc.record({
      district: fc.constantFrom(...CITY.slice(0, 3)),
      status: fc.constantFrom(...STATUSES),
      investigator: fc.option(fc.constantFrom('utredare.farsta', 'utredare.bromma'), { nil: null }),
      receivedOn: fc.constantFrom('2017-12-31', '2018-01-01', '2018-06-30', '2018-12-31', '2019-01-01'),
    });
    const filter = fc.record(
      {
        districts: fc.subarray(CITY.slice(0, 3)),
        district: fc.constantFrom(...CITY.slice(0, 3)),
        status: fc.constantFrom(...STATUSES),
        investigator: fc.constantFrom('utredare.farsta', 'utredare.bromma', ''),
        open: fc.constant(true),
        receivedFrom: fc.constant('2018-01-01'),
        receivedTo: fc.constant('2018-12-31'),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), filter, fc.integer({ min: 1, max: 4 }), (rows, f, pageSize) => {
        const store = new Database(':memory:');
        const projection = new CaseListProjection(() => null);
        projection.setup(store);
        const insert = store.prepare(
          `INSERT INTO case_list (case_id, case_number, district, status, received_on, source, gender,
             investigator, pin_hash, data_key_id, last_recorded_at, version, state)
           VALUES (?, ?, ?, ?, ?, 'tip', 'female', ?, NULL, NULL, '2019-01-01T00:00:00Z', 1, '{}')`,
        );
        const count = store.prepare('INSERT INTO case_counts VALUES (?, ?, 1) ON CONFLICT DO UPDATE SET n = n + 1');
        const countInvestigator = store.prepare(
          'INSERT INTO case_investigator_counts VALUES (?, ?, ?, 1) ON CONFLICT DO UPDATE SET n = n + 1',
        );
        rows.forEach((r, i) => {
          const number = `${r.district.toUpperCase()}-${r.receivedOn.slice(0, 4)}-${String(i).padStart(4, '0')}`;
          insert.run(`case-${i}`, number, r.district, r.status, r.receivedOn, r.investigator);
          count.run(r.district, r.status);
          countInvestigator.run(r.district, r.status, r.investigator ?? '');
        });
        const expected = rows
          .map((r, i) => ({
            ...r,
            id: `case-${i}`,
            caseNumber: `${r.district.toUpperCase()}-${r.receivedOn.slice(0, 4)}-${String(i).padStart(4, '0')}`,
          }))
          .filter(
            (r) =>
              (!f.districts || f.districts.includes(r.district)) &&
              (!f.district || r.district === f.district) &&
              (!f.status || r.status === f.status) &&
              (f.investigator === undefined || r.investigator === f.investigator) &&
              (!f.open || !['closed', 'voided'].includes(r.status)) &&
              (!f.receivedFrom || r.receivedOn >= f.receivedFrom) &&
              (!f.receivedTo || r.receivedOn <= f.receivedTo),
          )
          .sort((a, b) =>
            // Newest first, then by case number downwards, compared as SQLite does (binary).
            a.receivedOn !== b.receivedOn
              ? a.receivedOn < b.receivedOn
                ? 1
                : -1
              : a.caseNumber < b.caseNumber
                ? 1
                : -1,
          )
          .map((r) => r.id);
        const queries = new CaseListQueries(store);
        const seen: string[] = [];
        for (let page = 1; page <= Math.ceil(expected.length / pageSize) + 1; page++) {
          const { items, total } = queries.list(f, page, pageSize);
          expect(total).toBe(expected.length);
          seen.push(...items.map((i) => i.id));
        }
        expect(seen).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it("finds a person by either adult's personnummer, and a protected person's case only for those who may see them", () => {
    const store = new Database(':memory:');
    new CaseListProjection(() => null).setup(store);
    const insert = store.prepare(
      `INSERT INTO case_list (case_id, case_number, district, status, received_on, source, gender, investigator,
         pin_hash, second_pin_hash, identity_protected, data_key_id, last_recorded_at, version, state)
       VALUES (?, ?, ?, 'in-queue', '2019-01-01', 'tip', 'woman', ?, ?, ?, ?, NULL, '2019-01-01T00:00:00Z', 1, '{}')`,
    );
    insert.run('open', 'FA-1', 'farsta', null, 'h-anna', null, 0);
    insert.run('household', 'FA-2', 'farsta', 'ina', 'h-bo', 'h-anna', 0);
    insert.run('protected', 'FA-3', 'farsta', 'ina', 'h-anna', null, 1);
    const ids = (filter: CaseListFilter) =>
      new CaseListQueries(store)
        .list(filter, 1, 10)
        .items.map((i) => i.id)
        .sort();
    expect(ids({ personalNumberHash: 'h-anna' })).toEqual(['household', 'open', 'protected']);
    expect(ids({ personalNumberHash: 'h-bo' })).toEqual(['household']);
    const anna = { personalNumberHash: 'h-anna', districts: ['farsta'] };
    expect(ids({ ...anna, identifiableBy: { user: 'olle', unitHeadOf: [] } })).toEqual(['household', 'open']);
    expect(ids({ ...anna, identifiableBy: { user: 'ina', unitHeadOf: [] } })).toEqual([
      'household',
      'open',
      'protected',
    ]);
    expect(ids({ ...anna, identifiableBy: { user: 'chef', unitHeadOf: ['farsta'] } })).toEqual([
      'household',
      'open',
      'protected',
    ]);
    expect(ids({ ...anna, identifiableBy: { user: 'chef.b', unitHeadOf: ['bromma'] } })).toEqual(['household', 'open']);
    expect(
      new CaseListQueries(store).list({ ...anna, identifiableBy: { user: 'olle', unitHeadOf: [] } }, 1, 10).total,
    ).toBe(2);
  });
});
