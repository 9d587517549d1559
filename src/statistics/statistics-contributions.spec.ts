import Database from 'better-sqlite3';
import fc from 'fast-check';
import { AUTHORITIES, CAUSES, CLOSE_REASONS, ERROR_TYPES, SOURCES } from '../cases/domain/catalogues';
import { DistrictRegister } from '../districts/district-register';
import type { RecordedEvent } from '../event-store/event-store.port';
import { AnnualStatisticsQuery, AnnualStatisticsRecomputation } from './annual-statistics';
import { StatisticsProjection } from './statistics.projection';
import { loadInBulk } from '../testing/bulk-load';

/**
 * The maintained aggregates must equal a full recomputation from the facts, for
 * every year and every `knownAt`, whatever the history: steps in any order,
 * recorded on any day (also before their business date or out of stream
 * order), transfers, reopenings, voidings, several claims, applied in batches of any size.
 */
const register = DistrictRegister.default();
// Two districts of the register and one it does not know.
const DISTRICTS = [register.districts[0].code, register.districts[1].code, 'X99'];
const day = fc
  .integer({ min: 0, max: 5 * 365 })
  .map((n) => new Date(Date.UTC(2016, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);
const amount = fc.integer({ min: 0, max: 5_000_00 });
const claimId = pick(['1', '2']);

type Step = { type: string; data: Record<string, unknown> };

const registered = fc.record({
  district: pick(DISTRICTS),
  receivedOn: day,
  source: pick([...Object.keys(SOURCES), 'old-source']),
  gender: pick(['woman', 'man', 'unknown']),
  notifyingAuthority: fc.option(pick(Object.keys(AUTHORITIES)), { nil: null }),
});

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    type: fc.constant('PreAssessmentMade'),
    data: fc.record({
      decidedOn: day,
      decision: pick(['open-investigation', 'no-investigation']),
      reason: fc.option(pick(['no-grounds', 'time-limit', 'other']), { nil: null }),
      suspectedCause: fc.option(pick(Object.keys(CAUSES)), { nil: null }),
    }),
  }),
  fc.record({
    type: fc.constant('InvestigationCompleted'),
    data: fc.record({
      completedOn: day,
      finding: pick(['incorrect-payment', 'no-incorrect-payment']),
      cause: fc.option(pick(Object.keys(CAUSES)), { nil: null }),
      savedAmountOre: amount,
      incorrectPayments: fc.constant([]),
      intent: fc.constant(null),
      errorType: fc.option(pick(Object.keys(ERROR_TYPES)), { nil: undefined }),
    }),
  }),
  fc.record({
    type: fc.constant('RepaymentClaimDecided'),
    data: fc.record({ claimId, decidedOn: day, legalBasis: pick(['sol-9-1', 'sol-9-2']), amountOre: amount }),
  }),
  fc.record({
    type: fc.constant('RepaymentPlanAgreed'),
    data: fc.record({ claimId, agreedOn: day, monthlyAmountOre: amount, firstDueOn: day }),
  }),
  fc.record({
    type: fc.constant('RepaymentReceived'),
    data: fc.record({ claimId, receivedOn: day, amountOre: amount, kind: pick(['claim', 'damages']) }),
  }),
  fc.record({
    type: fc.constant('ClaimWaived'),
    data: fc.record({ claimId, decidedOn: day, reason: pick(['other']), amountOre: amount }),
  }),
  fc.record({ type: fc.constant('CompensationSuitDecided'), data: fc.record({ claimId, decidedOn: day }) }),
  // A deceased person's estate: what it paid is repaid, what it could not pay is written off.
  fc.record({
    type: fc.constant('EstateClaimOutcomeRecorded'),
    data: fc.record({
      claimId,
      decidedOn: day,
      outcome: pick(['paid-in-part', 'nothing']),
      paidAmountOre: amount,
      writtenOffAmountOre: amount,
    }),
  }),
  fc.record({
    type: fc.constant('CompensationSuitFiled'),
    data: fc.record({ claimId, filedOn: day, amountOre: amount }),
  }),
  fc.record({ type: fc.constant('PoliceReportFiled'), data: fc.record({ filedOn: day, offence: pick(['fraud']) }) }),
  fc.record({
    type: fc.constant('PoliceReportOutcomeRecorded'),
    data: fc.record({ decidedOn: day, outcome: pick(['prosecuted', 'dropped']) }),
  }),
  fc.record({
    type: fc.constant('AuthorityNotified'),
    data: fc.record({
      sentOn: day,
      authority: pick([...Object.keys(AUTHORITIES), 'someone-else']),
      concerning: pick(['tax']),
    }),
  }),
  fc.record({
    type: fc.constant('CaseTransferred'),
    data: fc.record({ transferredOn: day, fromDistrict: pick(DISTRICTS), toDistrict: pick(DISTRICTS) }),
  }),
  fc.record({
    type: fc.constant('CaseClosed'),
    data: fc.record({ closedOn: day, reason: pick(Object.keys(CLOSE_REASONS)) }),
  }),
  fc.record({
    type: fc.constant('CaseReopened'),
    data: fc.record({ reopenedOn: day, reason: fc.constant('new facts') }),
  }),
  fc.record({ type: fc.constant('CaseVoided'), data: fc.record({ voidedOn: day, reason: pick(['duplicate']) }) }),
  fc.record({
    type: fc.constant('JournalEntryAdded'),
    data: fc.record({ notedOn: day, kind: pick(['note']), text: fc.constant('x') }),
  }),
);

/** Each step with the day it was recorded (any day: imports and corrections record old steps late). */
const recorded = <T>(a: fc.Arbitrary<T>) =>
  fc.record({ step: a, recordedOn: day, hour: fc.integer({ min: 0, max: 23 }) });

const history = fc.record({
  cases: fc.array(
    fc.record({ registration: recorded(registered), steps: fc.array(recorded(step), { maxLength: 10 }) }),
    { minLength: 1, maxLength: 6 },
  ),
  // Which case's next event comes next in the log, and where batches end.
  interleaving: fc.array(fc.nat(), { minLength: 80, maxLength: 80 }),
  batchEnds: fc.array(fc.boolean(), { minLength: 80, maxLength: 80 }),
  knownAt: fc.array(day, { minLength: 2, maxLength: 4 }),
});

type History = typeof history extends fc.Arbitrary<infer T> ? T : never;

function log(h: History): RecordedEvent[] {
  const streams = h.cases.map((c, i) => {
    const { registration: r } = c;
    const first: Step = {
      type: 'CaseRegistered',
      data: {
        caseId: `c${i}`,
        caseNumber: `X-${i}`,
        district: r.step.district,
        receivedOn: r.step.receivedOn,
        source: r.step.source,
        subject: { personalIdentityNumber: null, name: null, gender: r.step.gender },
        notifyingAuthority: r.step.notifyingAuthority,
        suspectedPayments: [],
      },
    };
    return [{ step: first, recordedOn: r.recordedOn, hour: r.hour }, ...c.steps];
  });
  const next = streams.map(() => 0);
  const events: RecordedEvent[] = [];
  let k = 0;
  while (events.length < streams.reduce((n, s) => n + s.length, 0)) {
    const open = streams.map((s, i) => i).filter((i) => next[i] < streams[i].length);
    const i = open[(h.interleaving[k++ % h.interleaving.length] ?? 0) % open.length];
    const { step: s, recordedOn, hour } = streams[i][next[i]];
    events.push({
      id: `e${events.length}`,
      streamId: `case-c${i}`,
      revision: next[i]++,
      position: events.length + 1,
      type: s.type,
      schemaVersion: 1,
      data: s.data,
      metadata: {
        occurredOn: recordedOn,
        recordedAt: `${recordedOn}T${String(hour).padStart(2, '0')}:30:00Z`,
        recordedBy: 'u',
        correlationId: 'c',
        causationId: null,
      },
    });
  }
  return events;
}

/** Applies the events in the history's random batches, each its own transaction. */
function applyInBatches(db: Database.Database, h: History, events: RecordedEvent[]): void {
  const projection = new StatisticsProjection();
  projection.setup(db);
  let batch: RecordedEvent[] = [];
  events.forEach((e, i) => {
    batch.push(e);
    if (h.batchEnds[i % h.batchEnds.length] || i === events.length - 1) {
      db.transaction(() => projection.applyBatch(batch, db))();
      batch = [];
    }
  });
}

/** The maintained figures equal the full recomputation, for every year and knownAt. */
function expectRecomputedFigures(db: Database.Database, h: History): void {
  const maintained = new AnnualStatisticsQuery(db, register);
  const recomputed = new AnnualStatisticsRecomputation(db, register);
  for (let year = 2015; year <= 2021; year++) {
    for (const knownAt of [null, ...h.knownAt]) {
      expect(maintained.run(year, knownAt)).toEqual(recomputed.run(year, knownAt));
    }
  }
}

describe('maintained statistics equal a full recomputation', () => {
  it('on random histories, for every year and knownAt, applied in random batches', () => {
    fc.assert(
      fc.property(history, (h) => {
        const db = new Database(':memory:');
        try {
          applyInBatches(db, h, log(h));
          expectRecomputedFigures(db, h);
        } finally {
          db.close();
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('a bulk load from the start of the log', () => {
  const incremental = (events: RecordedEvent[]): Database.Database => {
    const db = new Database(':memory:');
    const projection = new StatisticsProjection();
    projection.setup(db);
    db.transaction(() => events.forEach((e) => projection.applyBatch([e], db)))();
    return db;
  };
  const bulk = (events: RecordedEvent[]): Database.Database => loadInBulk(new StatisticsProjection(), events);
  const rows = (db: Database.Database, sql: string): unknown[] => db.prepare(sql).all();

  it('is carried on by live events: a load of the first part, then the rest batch by batch', () => {
    fc.assert(
      fc.property(history, fc.nat(), (h, cut) => {
        const events = log(h);
        const split = cut % (events.length + 1);
        const db = bulk(events.slice(0, split));
        try {
          applyInBatches(db, h, events.slice(split));
          expectRecomputedFigures(db, h);
        } finally {
          db.close();
        }
      }),
      { numRuns: 200 },
    );
  });

  it('leaves the same rows and figures as applying the events one by one', () => {
    fc.assert(
      fc.property(history, (h) => {
        const events = log(h);
        const one = incremental(events);
        const all = bulk(events);
        try {
          expect(rows(all, 'SELECT * FROM stat_cases ORDER BY case_key')).toEqual(
            rows(one, 'SELECT * FROM stat_cases ORDER BY case_key'),
          );
          const facts = 'SELECT * FROM stat_facts ORDER BY case_key, rowid';
          expect(rows(all, facts)).toEqual(rows(one, facts));
          // Applied one by one, a change that was later taken back leaves a zero.
          const sums = 'SELECT * FROM stat_sum WHERE n <> 0 ORDER BY part, year, district, metric';
          expect(rows(all, sums)).toEqual(rows(one, sums));
          const bulkQuery = new AnnualStatisticsQuery(all, register);
          const oneQuery = new AnnualStatisticsQuery(one, register);
          const recomputed = new AnnualStatisticsRecomputation(all, register);
          for (let year = 2015; year <= 2021; year++) {
            for (const knownAt of [null, ...h.knownAt]) {
              const figures = bulkQuery.run(year, knownAt);
              expect(figures).toEqual(oneQuery.run(year, knownAt));
              expect(figures).toEqual(recomputed.run(year, knownAt));
            }
          }
        } finally {
          one.close();
          all.close();
        }
      }),
      { numRuns: 200 },
    );
  });
});
