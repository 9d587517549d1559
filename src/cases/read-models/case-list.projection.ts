import type Database from 'better-sqlite3';
import { todayInStockholm } from '../../calendar/local-date';
import type { RecordedEvent } from '../../event-store/event-store.port';
import type { BulkLoad, Projection } from '../../projections/projection';
import type { CaseEvent } from '../steps';
import { type CaseState, type OpenCase, initialState, limitPositions, statusOf } from '../domain/case-state';
import { CASE_STATE_FINGERPRINT, evolve } from '../steps';
import { lossSchedule } from '../domain/three-year-limit';
import { identityProtected } from '../domain/persons';
import { caseIdOf, isCaseStream, toCaseEvent } from '../application/case-stream';
import {
  INSTALMENT_PLAN_TABLES,
  type InstalmentPlanStatements,
  createInstalmentPlanTables,
  keepInstalmentPlans,
  prepareInstalmentPlans,
} from './instalment-plans';
import { DEFAULT_REMINDER_SETTINGS, type ReminderSettings } from '../steps/reminder/automatic-reminders';
import {
  CASE_REMINDER_TABLES,
  CASE_REMINDER_TABLE_NAMES,
  prepareReminderStatements,
  writeReminders,
} from './case-reminders';
import type { SortOrder } from '../../common/list-sort';
import { statusSinceOf } from './case-list-facts';

/** The statuses whose money the deadlines view watches. */
export const LIMIT_STATUSES = ['in-queue', 'investigating', 'investigated', 'follow-up'];

/** Where in the process the money at stake is: waiting for pre-assessment, under investigation, or claimed. */
export type LimitStage = 'queue' | 'investigation' | 'claim';
export const limitStageOf = (hasClaims: boolean, status: string): LimitStage =>
  hasClaims ? 'claim' : status === 'in-queue' ? 'queue' : 'investigation';

/** The `as_of` of a new read model: before every date, and after '' (a first loss has no loss before it). */
const FIRST_AS_OF = '0000-00-00';

type Statements = ReturnType<CaseListProjection['prepare']>;

/**
 * One row per case for lists and searches. The row keeps the folded case
 * state, so each event is applied with the domain's own `evolve`.
 *
 * Beside it, what the screens would otherwise compute from every row per
 * request: case counts per district and status, and per investigator (list
 * totals, queue summaries); and for cases whose money the three-year limit
 * watches, the days on which they lose money (`lossSchedule`): one row per
 * day, so the deadlines view reads a page of rows in the order it shows them,
 * and with the case, so the queue tells a case's outlook on any day from it.
 *
 * The deadline totals depend on today, which the log does not know. A case
 * counts as upcoming on day T when its loss row has `prev < T <= deadline`
 * (`prev`: the case's loss day before, '' for the first), and as wholly past
 * its limits when `live_until < T`. Both are kept as sums for one day,
 * `as_of`: per district and deadline day the loss rows with `prev < as_of`
 * (`case_limit_loss_days`), and per district the cases with `live_until <
 * as_of` (`case_limit_past`). A read on day T adds (or, before `as_of`, takes
 * off) only the rows whose `prev` or `live_until` lies between `as_of` and T.
 * `as_of` follows the newest day any event was recorded, so the log decides
 * it (a rebuild gives the same rows), and in a service that is written to
 * every day it is today or yesterday: the difference is a day's rows, not the
 * store. A plain COUNT over the window instead would read every case with a
 * deadline in it, which grows with the store.
 */
export class CaseListProjection implements Projection {
  readonly name = 'case-list';
  // 4: the folded state holds several claims; 5: counts and limit positions; 6: loss days with sums as of a day, per-investigator counts, queue order indexes;
  // 7: the repayment plans in force (instalment-plans.ts); 8: and the reminders of assigned cases (case-reminders.ts);
  // 9: and the day the status began and the person's (encrypted) name, to order by them.
  // The rows hold folded states: a field a step adds to the state changes the fingerprint, and the list is built again.
  // The reminders' days follow the settings (REMINDER_POLICE_OUTCOME_MONTHS): another setting builds them again too.
  readonly version: number;

  /**
   * `personalNumberHash` turns a stored (encrypted) personnummer into its keyed hash, or null once culled;
   * `reminderSettings`, what the service's own reminders are set by.
   */
  constructor(
    private readonly personalNumberHash: (stored: string | null) => string | null,
    private readonly reminderSettings: ReminderSettings = DEFAULT_REMINDER_SETTINGS,
  ) {
    this.version = (9 + 1000 * reminderSettings.policeOutcomeMonths) * 1_000_000 + CASE_STATE_FINGERPRINT;
  }
  private statements?: Statements;
  private plans?: InstalmentPlanStatements;

  setup(db: Database.Database): void {
    // Version 5's limit tables; the version change rebuilds their content into the tables below.
    db.exec('DROP TABLE IF EXISTS case_limits; DROP TABLE IF EXISTS case_limit_dates;');
    this.createTable(db);
    // A list made before these columns: the version change rebuilds its rows; the columns must exist first.
    const columns = new Set(
      (db.prepare('PRAGMA table_info(case_list)').all() as Array<{ name: string }>).map((c) => c.name),
    );
    if (!columns.has('second_pin_hash')) db.exec('ALTER TABLE case_list ADD COLUMN second_pin_hash TEXT');
    if (!columns.has('identity_protected'))
      db.exec('ALTER TABLE case_list ADD COLUMN identity_protected INTEGER NOT NULL DEFAULT 0');
    if (!columns.has('status_since')) db.exec("ALTER TABLE case_list ADD COLUMN status_since TEXT NOT NULL DEFAULT ''");
    if (!columns.has('subject_name')) db.exec('ALTER TABLE case_list ADD COLUMN subject_name TEXT');
    db.exec(`
      -- The list's orders (newest first): of the city, of a district, of an investigator. Each also
      -- holds the columns its filters read, so the cases a page skips (OFFSET) are passed over in
      -- the index and only the page's own rows are read from the table.
      CREATE INDEX IF NOT EXISTS case_list_newest ON case_list (received_on, case_number, district, status);
      CREATE INDEX IF NOT EXISTS case_list_district_newest ON case_list (district, received_on, case_number, status);
      CREATE INDEX IF NOT EXISTS case_list_investigator_newest ON case_list
        (investigator, received_on, case_number, district, status) WHERE investigator IS NOT NULL;
      DROP INDEX IF EXISTS case_list_recent;
      DROP INDEX IF EXISTS case_list_district_recent;
      -- A queue's lists, oldest first; open investigations by investigator (unassigned last), then oldest first.
      CREATE INDEX IF NOT EXISTS case_list_queue ON case_list (status, district, received_on, case_number);
      CREATE INDEX IF NOT EXISTS case_list_investigating ON case_list
        (district, investigator IS NULL, investigator, received_on, case_number) WHERE status = 'investigating';
      CREATE INDEX IF NOT EXISTS case_list_pin ON case_list (pin_hash);
      CREATE INDEX IF NOT EXISTS case_list_second_pin ON case_list (second_pin_hash) WHERE second_pin_hash IS NOT NULL;
      CREATE INDEX IF NOT EXISTS case_list_number ON case_list (case_number);
      -- A case's loss day on or after a day, for lists ordered by the next deadline or the amount at risk.
      DROP INDEX IF EXISTS case_limit_losses_case;
      CREATE INDEX IF NOT EXISTS case_limit_losses_next ON case_limit_losses (case_id, deadline, prev, lost_ore);
      DROP INDEX IF EXISTS case_list_district;
      DROP INDEX IF EXISTS case_list_status;
    `);
  }

  private createTable(db: Database.Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS case_list (
        case_id       TEXT NOT NULL UNIQUE,
        case_number   TEXT NOT NULL,
        district      TEXT NOT NULL,
        status        TEXT NOT NULL,
        received_on   TEXT NOT NULL,
        source        TEXT NOT NULL,
        gender        TEXT NOT NULL,
        investigator  TEXT,
        -- Keyed hash of the personnummer, for searches; never the number itself.
        pin_hash      TEXT,
        -- The same of the second adult of the household, when named.
        second_pin_hash TEXT,
        -- 1 while anyone's identity in the case is protected: a search by personnummer finds it only for those who may see it.
        identity_protected INTEGER NOT NULL DEFAULT 0,
        -- The business date the case entered its status (caseListFacts' statusSince).
        status_since  TEXT NOT NULL DEFAULT '',
        -- The person's name as the log holds it, encrypted with their key; null while anyone's identity in the
        -- case is protected (a list never shows a protected person, so it never holds them), or once culled.
        subject_name  TEXT,
        data_key_id   TEXT,
        last_recorded_at TEXT NOT NULL,
        version       INTEGER NOT NULL,
        state         TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS case_counts (
        district TEXT NOT NULL,
        status   TEXT NOT NULL,
        n        INTEGER NOT NULL,
        PRIMARY KEY (district, status)
      ) WITHOUT ROWID;
      -- investigator '' when none is assigned.
      CREATE TABLE IF NOT EXISTS case_investigator_counts (
        district     TEXT NOT NULL,
        status       TEXT NOT NULL,
        investigator TEXT NOT NULL,
        n            INTEGER NOT NULL,
        PRIMARY KEY (district, status, investigator)
      ) WITHOUT ROWID;
      -- Cases in a LIMIT_STATUSES status with money under the three-year limit.
      CREATE TABLE IF NOT EXISTS case_limit_state (
        case_id      TEXT PRIMARY KEY,
        district     TEXT NOT NULL,
        status       TEXT NOT NULL,
        case_number  TEXT NOT NULL,
        investigator TEXT,
        stage        TEXT NOT NULL,
        -- With money outstanding: the last day that loses some of it ('' when none does).
        -- Once today is past it, the case is wholly past its limits.
        live_until   TEXT,
        -- Unsued and outstanding: all of it has expired once today is past live_until.
        outstanding_ore INTEGER NOT NULL,
        -- The case's rows in case_limit_losses, as JSON [[deadline, lost_ore, claimable_ore], ...] in date order.
        losses       TEXT NOT NULL
      ) WITHOUT ROWID;
      -- One row per day on which a case loses money; the list of upcoming deadlines pages through it.
      CREATE TABLE IF NOT EXISTS case_limit_losses (
        district      TEXT NOT NULL,
        deadline      TEXT NOT NULL,
        case_number   TEXT NOT NULL,
        case_id       TEXT NOT NULL,
        -- The case's loss day before this one, '' for the first: the row is the case's next from prev + 1 to deadline.
        prev          TEXT NOT NULL,
        lost_ore      INTEGER NOT NULL,
        -- What a suit could cover on any of those days.
        claimable_ore INTEGER NOT NULL,
        investigator  TEXT,
        stage         TEXT NOT NULL,
        PRIMARY KEY (district, deadline, case_number, case_id)
      ) WITHOUT ROWID;
      -- Per district and deadline day: the loss rows with prev < as_of, and what they lose.
      CREATE TABLE IF NOT EXISTS case_limit_loss_days (
        district TEXT NOT NULL,
        deadline TEXT NOT NULL,
        n        INTEGER NOT NULL,
        lost_ore INTEGER NOT NULL,
        PRIMARY KEY (district, deadline)
      ) WITHOUT ROWID;
      -- Per district: the cases with live_until < as_of, and what has expired of them.
      CREATE TABLE IF NOT EXISTS case_limit_past (
        district    TEXT PRIMARY KEY,
        n           INTEGER NOT NULL,
        expired_ore INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS case_limit_as_of (
        id    INTEGER PRIMARY KEY CHECK (id = 1),
        as_of TEXT NOT NULL
      );
      INSERT OR IGNORE INTO case_limit_as_of (id, as_of) VALUES (1, '${FIRST_AS_OF}');
      ${CASE_REMINDER_TABLES}
      -- Kept during a rebuild too: moving as_of reads by them.
      -- Wholly past their limits, in the order the list shows them.
      CREATE INDEX IF NOT EXISTS case_limit_state_past ON case_limit_state (district, live_until, case_number, case_id, outstanding_ore);
      -- The loss rows whose prev lies between as_of and a day.
      CREATE INDEX IF NOT EXISTS case_limit_losses_prev ON case_limit_losses (district, prev, deadline, lost_ore);
    `);
    createInstalmentPlanTables(db);
  }

  /** Drops and re-creates the tables without the list's secondary indexes (a faster rebuild); `setup` adds them again. */
  reset(db: Database.Database): void {
    this.statements = undefined;
    this.plans = undefined;
    db.exec(
      [
        ...INSTALMENT_PLAN_TABLES,
        'case_list',
        'case_counts',
        'case_investigator_counts',
        'case_limits',
        'case_limit_dates',
        'case_limit_state',
        'case_limit_losses',
        'case_limit_loss_days',
        'case_limit_past',
        'case_limit_as_of',
        ...CASE_REMINDER_TABLE_NAMES,
      ]
        .map((table) => `DROP TABLE IF EXISTS ${table};`)
        .join(' '),
    );
    this.createTable(db);
    createInstalmentPlanTables(db);
  }

  private prepare(db: Database.Database) {
    return {
      db,
      ...prepareReminderStatements(db),
      get: db.prepare<[string], { state: string }>('SELECT state FROM case_list WHERE case_id = ?'),
      upsert: db.prepare(
        `INSERT INTO case_list (case_id, case_number, district, status, received_on, source, gender, investigator, pin_hash, second_pin_hash, identity_protected, status_since, subject_name, data_key_id, last_recorded_at, version, state)
         VALUES (@caseId, @caseNumber, @district, @status, @receivedOn, @source, @gender, @investigator, @pin, @secondPin, @identityProtected, @statusSince, @subjectName, @keyId, @lastRecordedAt, @version, @state)
         ON CONFLICT (case_id) DO UPDATE SET case_number = excluded.case_number, district = excluded.district, status = excluded.status,
           received_on = excluded.received_on, source = excluded.source, gender = excluded.gender, investigator = excluded.investigator,
           pin_hash = excluded.pin_hash, second_pin_hash = excluded.second_pin_hash, identity_protected = excluded.identity_protected,
           status_since = excluded.status_since, subject_name = excluded.subject_name,
           data_key_id = excluded.data_key_id, last_recorded_at = excluded.last_recorded_at,
           version = excluded.version, state = excluded.state`,
      ),
      count: db.prepare(
        'INSERT INTO case_counts (district, status, n) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n',
      ),
      countInvestigator: db.prepare(
        `INSERT INTO case_investigator_counts (district, status, investigator, n) VALUES (?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET n = n + excluded.n`,
      ),
      asOf: db.prepare<[], { asOf: string }>('SELECT as_of AS asOf FROM case_limit_as_of WHERE id = 1'),
      setAsOf: db.prepare('UPDATE case_limit_as_of SET as_of = ? WHERE id = 1'),
      getLimits: db.prepare<
        [string],
        { district: string; caseNumber: string; liveUntil: string | null; outstandingOre: number; losses: string }
      >(
        `SELECT district, case_number AS caseNumber, live_until AS liveUntil, outstanding_ore AS outstandingOre, losses
         FROM case_limit_state WHERE case_id = ?`,
      ),
      dropLimits: db.prepare('DELETE FROM case_limit_state WHERE case_id = ?'),
      addLimits: db.prepare(
        `INSERT INTO case_limit_state (case_id, district, status, case_number, investigator, stage, live_until, outstanding_ore, losses)
         VALUES (@caseId, @district, @status, @caseNumber, @investigator, @stage, @liveUntil, @outstandingOre, @losses)`,
      ),
      dropLoss: db.prepare(
        'DELETE FROM case_limit_losses WHERE district = ? AND deadline = ? AND case_number = ? AND case_id = ?',
      ),
      addLoss: db.prepare(
        `INSERT INTO case_limit_losses (district, deadline, case_number, case_id, prev, lost_ore, claimable_ore, investigator, stage)
         VALUES (@district, @deadline, @caseNumber, @caseId, @prev, @lostOre, @claimableOre, @investigator, @stage)`,
      ),
      lossDay: db.prepare(
        `INSERT INTO case_limit_loss_days (district, deadline, n, lost_ore) VALUES (?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET n = n + excluded.n, lost_ore = lost_ore + excluded.lost_ore`,
      ),
      past: db.prepare(
        `INSERT INTO case_limit_past (district, n, expired_ore) VALUES (?, ?, ?)
         ON CONFLICT DO UPDATE SET n = n + excluded.n, expired_ore = expired_ore + excluded.expired_ore`,
      ),
      // Moving as_of from @from to @to: the rows whose prev or live_until lies between now count in the sums.
      rollLossDays: db.prepare(
        `INSERT INTO case_limit_loss_days (district, deadline, n, lost_ore)
         SELECT district, deadline, COUNT(*), SUM(lost_ore) FROM case_limit_losses
         WHERE district IN (SELECT DISTINCT district FROM case_counts) AND prev >= @from AND prev < @to
         GROUP BY district, deadline
         ON CONFLICT DO UPDATE SET n = n + excluded.n, lost_ore = lost_ore + excluded.lost_ore`,
      ),
      rollPast: db.prepare(
        `INSERT INTO case_limit_past (district, n, expired_ore)
         SELECT district, COUNT(*), SUM(outstanding_ore) FROM case_limit_state
         WHERE district IN (SELECT DISTINCT district FROM case_counts) AND live_until >= @from AND live_until < @to
         GROUP BY district
         ON CONFLICT DO UPDATE SET n = n + excluded.n, expired_ore = expired_ore + excluded.expired_ore`,
      ),
    };
  }

  private prepared(db: Database.Database): Statements {
    if (this.statements?.db !== db) this.statements = this.prepare(db);
    return this.statements;
  }

  apply(event: RecordedEvent, db: Database.Database): void {
    this.applyBatch([event], db);
  }

  /** Folds each case's events of the batch in memory and writes each case once. */
  applyBatch(events: RecordedEvent[], db: Database.Database): void {
    const s = this.prepared(db);
    const touched = new Map<string, CaseInFold>();
    let newest = '';
    for (const event of events) {
      const caseEvent = isCaseStream(event.streamId) ? toCaseEvent(event) : undefined;
      if (!caseEvent) continue;
      const caseId = caseIdOf(event.streamId);
      let entry = touched.get(caseId);
      if (!entry) {
        const row = s.get.get(caseId);
        const before = row ? (JSON.parse(row.state) as CaseState) : undefined;
        entry = { state: before ?? initialState(), version: -1, lastRecordedAt: '', before };
        touched.set(caseId, entry);
      }
      fold(entry, event, caseEvent);
      newest = newer(newest, event);
    }
    if (touched.size === 0) return;
    const asOf = this.moveAsOf(s, todayInStockholm(new Date(newest)));
    for (const [caseId, entry] of touched) this.writeCase(s, caseId, entry, asOf);
  }

  /** From position 0: every case folded in memory over the whole log, then written once (same rows as `applyBatch`). */
  bulkLoad(db: Database.Database): BulkLoad {
    const s = this.prepared(db);
    const cases = new Map<string, CaseInFold>();
    let newest = '';
    const writeCase = this.writeCase.bind(this);
    const moveAsOf = this.moveAsOf.bind(this);
    return {
      add: (event) => {
        const caseEvent = isCaseStream(event.streamId) ? toCaseEvent(event) : undefined;
        if (!caseEvent) return;
        const caseId = caseIdOf(event.streamId);
        let entry = cases.get(caseId);
        if (!entry)
          cases.set(caseId, (entry = { state: initialState(), version: -1, lastRecordedAt: '', before: undefined }));
        fold(entry, event, caseEvent);
        newest = newer(newest, event);
      },
      write: function* () {
        // The sums as of the newest recording day of the whole log, as `applyBatch` leaves them.
        const asOf = newest ? moveAsOf(s, todayInStockholm(new Date(newest))) : s.asOf.get()!.asOf;
        for (const [caseId, entry] of cases) {
          writeCase(s, caseId, entry, asOf);
          cases.delete(caseId);
          yield;
        }
      },
    };
  }

  private writeCase(
    s: Statements,
    caseId: string,
    { state, version, lastRecordedAt, before }: CaseInFold,
    asOf: string,
  ): void {
    if (!state.exists) return;
    if (before?.exists) {
      s.count.run(before.district, statusOf(before), -1);
      s.countInvestigator.run(before.district, statusOf(before), before.investigator ?? '', -1);
      this.dropLimits(s, caseId, asOf);
    }
    s.count.run(state.district, statusOf(state), 1);
    s.countInvestigator.run(state.district, statusOf(state), state.investigator ?? '', 1);
    this.keepLimits(s, caseId, state, asOf);
    // Only a case with a plan (now or before) has plan rows to keep.
    if (state.plans.length > 0 || (before?.exists && before.plans.length > 0)) {
      if (this.plans?.db !== s.db) this.plans = prepareInstalmentPlans(s.db);
      keepInstalmentPlans(this.plans, caseId, state);
    }
    writeReminders(s, caseId, state, this.reminderSettings);
    s.upsert.run({
      caseId,
      caseNumber: state.caseNumber,
      district: state.district,
      status: statusOf(state),
      receivedOn: state.receivedOn,
      source: state.source,
      gender: state.subject.gender,
      investigator: state.investigator,
      pin: state.culledOn ? null : this.personalNumberHash(state.subject.personalIdentityNumber),
      secondPin:
        state.culledOn || !state.secondPerson
          ? null
          : this.personalNumberHash(state.secondPerson.personalIdentityNumber),
      identityProtected: identityProtected(state) ? 1 : 0,
      statusSince: statusSinceOf(state),
      subjectName: identityProtected(state) || state.culledOn ? null : state.subject.name,
      keyId: state.dataKeyId,
      lastRecordedAt,
      version,
      state: JSON.stringify(state),
    });
  }

  /** as_of only moves forward (an import recorded today may carry old recording days): the sums follow it. */
  private moveAsOf(s: Statements, day: string): string {
    const { asOf } = s.asOf.get()!;
    if (day <= asOf) return asOf;
    s.rollLossDays.run({ from: asOf, to: day });
    s.rollPast.run({ from: asOf, to: day });
    s.setAsOf.run(day);
    return day;
  }

  /** The case's loss days, when the deadlines view watches it; the sums as of `asOf` with them. */
  private keepLimits(s: Statements, caseId: string, state: OpenCase, asOf: string): void {
    const status = statusOf(state);
    if (!LIMIT_STATUSES.includes(status)) return;
    const positions = limitPositions(state);
    if (positions.length === 0) return;
    const { losses, outstandingOre } = lossSchedule(positions);
    const liveUntil = outstandingOre > 0 ? (losses[losses.length - 1]?.deadline ?? '') : null;
    const stage = limitStageOf(state.claims.length > 0, status);
    const common = { caseId, district: state.district, caseNumber: state.caseNumber, investigator: state.investigator };
    s.addLimits.run({
      ...common,
      status,
      stage,
      liveUntil,
      outstandingOre,
      losses: JSON.stringify(losses.map((l) => [l.deadline, l.lostOre, l.claimableOre])),
    });
    let prev = '';
    for (const loss of losses) {
      s.addLoss.run({ ...common, ...loss, prev, stage });
      if (prev < asOf) s.lossDay.run(state.district, loss.deadline, 1, loss.lostOre);
      prev = loss.deadline;
    }
    if (liveUntil !== null && liveUntil < asOf) s.past.run(state.district, 1, outstandingOre);
  }

  /** Takes out what `keepLimits` put in for the case, from its own stored rows. */
  private dropLimits(s: Statements, caseId: string, asOf: string): void {
    const row = s.getLimits.get(caseId);
    if (!row) return;
    let prev = '';
    for (const [deadline, lostOre] of JSON.parse(row.losses) as Array<[string, number]>) {
      s.dropLoss.run(row.district, deadline, row.caseNumber, caseId);
      if (prev < asOf) s.lossDay.run(row.district, deadline, -1, -lostOre);
      prev = deadline;
    }
    if (row.liveUntil !== null && row.liveUntil < asOf) s.past.run(row.district, -1, -row.outstandingOre);
    s.dropLimits.run(caseId);
  }
}

export interface CaseListFilter {
  caseNumber?: string;
  district?: string;
  status?: string;
  investigator?: string;
  receivedFrom?: string;
  receivedTo?: string;
  /** Keyed hash of a personnummer: the case's person's or the second person's. */
  personalNumberHash?: string;
  /**
   * Only cases whose persons the caller may identify: those with no protected
   * identity, those assigned to `user`, and those of the districts where they
   * are unit head (`mayIdentify`). A search by personnummer uses it, so a
   * protected person's number finds nothing for anyone else.
   */
  identifiableBy?: { user: string; unitHeadOf: string[] };
  excludeStatuses?: string[];
  /** Only cases that are neither closed nor voided. */
  open?: boolean;
  /** Only cases of these districts (the caller's). */
  districts?: string[];
}

export interface CaseListItem {
  id: string;
  caseNumber: string;
  district: string;
  status: string;
  receivedOn: string;
  source: string;
  gender: string;
  investigator: string | null;
  version: number;
  /** 1 while anyone's identity in the case is protected. */
  identityProtected: number;
  /** The person's name as stored (encrypted), null while protected: decrypted only for the reader it is shown to. */
  subjectName: string | null;
  /** The folded case state (JSON), for facts computed per page. */
  state: string;
}

/** A case's state after the events folded so far, and before them (undefined when its row is new). */
interface CaseInFold {
  state: CaseState;
  version: number;
  lastRecordedAt: string;
  before: CaseState | undefined;
}

function fold(entry: CaseInFold, event: RecordedEvent, caseEvent: CaseEvent): void {
  entry.state = evolve(entry.state, caseEvent);
  entry.version = event.revision;
  entry.lastRecordedAt = event.metadata.recordedAt;
}

/** The later recording instant: ISO instants (toISOString) compare as text. */
const newer = (newest: string, event: RecordedEvent): string =>
  event.metadata.recordedAt > newest ? event.metadata.recordedAt : newest;

export type CaseSummary = Pick<CaseListItem, 'id' | 'caseNumber' | 'district' | 'status'>;

const SUMMARY_COLUMNS = 'case_id AS id, case_number AS caseNumber, district, status';
const LIST_COLUMNS = `${SUMMARY_COLUMNS}, received_on AS receivedOn, source, gender, investigator, version,
  identity_protected AS identityProtected, subject_name AS subjectName, state`;

/** The columns the case list may be ordered by (`sort`); `name` is ordered outside SQL (see `byName`). */
export const CASE_LIST_SORT_KEYS = [
  'receivedOn',
  'caseNumber',
  'status',
  'statusSince',
  'district',
  'investigator',
  'nextDeadline',
  'amountAtRisk',
  'name',
] as const;
export type CaseListSortKey = (typeof CASE_LIST_SORT_KEYS)[number];
/** Newest first, as the list always was: the order its indexes hold. */
export const CASE_LIST_DEFAULT_SORT: SortOrder<CaseListSortKey> = { key: 'receivedOn', descending: true };

/** What an order other than the default needs to know: today (the next deadline), and the districts in name order. */
export interface CaseListOrder {
  sort: SortOrder<Exclude<CaseListSortKey, 'name'>>;
  today: string;
  districtOrder: string[];
}

/** The process order of the statuses: "ascending" is the order a case goes through them. */
const STATUS_RANK = `CASE status WHEN 'in-queue' THEN 0 WHEN 'investigating' THEN 1 WHEN 'investigated' THEN 2
  WHEN 'follow-up' THEN 3 WHEN 'not-opened' THEN 4 WHEN 'closed' THEN 5 WHEN 'voided' THEN 6 ELSE 7 END`;

/**
 * Each case's next loss day on or after today and what it loses (the case_limit_losses row the deadline list
 * shows: prev < today <= deadline), joined once per row for the orders that read it; its columns are named so
 * that the list's own stay unambiguous.
 */
const NEXT_LOSS_JOIN = `LEFT JOIN (SELECT case_id AS next_case, deadline AS next_deadline, lost_ore AS next_lost
    FROM case_limit_losses WHERE prev < @today AND deadline >= @today) ON next_case = case_list.case_id`;
const readsNextLoss = (order: CaseListOrder | undefined): boolean =>
  order?.sort.key === 'nextDeadline' || order?.sort.key === 'amountAtRisk';

/**
 * The ORDER BY of a sort, each ending on the case number and id (unique), so
 * pages never overlap. Only the default is an index's order; another sorts the
 * rows the filter matches (a district's cases, an investigator's), which grows
 * with them, not with the store's other districts.
 */
function orderBy({ sort, districtOrder }: CaseListOrder, params: Record<string, string | number>): string {
  const dir = sort.descending ? 'DESC' : 'ASC';
  const newest = 'received_on DESC, case_number DESC, case_id DESC';
  switch (sort.key) {
    case 'receivedOn':
      return `received_on ${dir}, case_number ${dir}, case_id ${dir}`;
    case 'caseNumber':
      return `case_number ${dir}, case_id ${dir}`;
    case 'status':
      return `${STATUS_RANK} ${dir}, ${newest}`;
    case 'statusSince':
      return `status_since ${dir}, case_number ${dir}, case_id ${dir}`;
    case 'district': {
      districtOrder.forEach((code, i) => (params[`do${i}`] = code));
      const rank = districtOrder.length
        ? `CASE district ${districtOrder.map((_, i) => `WHEN @do${i} THEN ${i}`).join(' ')} ELSE ${districtOrder.length} END`
        : '0';
      return `${rank} ${dir}, district ${dir}, ${newest}`;
    }
    case 'investigator':
      // The unassigned last either way: they are the ones to act on, and a separate filter finds them.
      return `investigator IS NULL, investigator ${dir}, ${newest}`;
    case 'nextDeadline':
      // Cases with no deadline ahead last either way.
      return `next_deadline IS NULL, next_deadline ${dir}, case_number, case_id`;
    case 'amountAtRisk':
      return `COALESCE(next_lost, 0) ${dir}, next_deadline IS NULL, next_deadline, case_number, case_id`;
  }
}

/** Reads of the case list; filters become SQL parameters, never SQL text. */
export class CaseListQueries {
  constructor(private readonly db: Database.Database) {}

  list(
    filter: CaseListFilter,
    page: number,
    pageSize: number,
    order?: CaseListOrder,
  ): { items: CaseListItem[]; total: number } {
    const { items, clause, params } = this.page(filter, page, pageSize, LIST_COLUMNS, order);
    return { items, total: this.total(filter, clause, params) };
  }

  /** How many cases the filter matches (kept counts where they serve). */
  count(filter: CaseListFilter): number {
    const { clause, params } = this.where(filter);
    return this.total(filter, clause, params);
  }

  /** Every case the filter matches, with its stored name: for an order by name (at most NAME_SORT_LIMIT of them). */
  names(filter: CaseListFilter): Array<{ id: string; caseNumber: string; subjectName: string | null }> {
    const { clause, params } = this.where(filter);
    return this.db
      .prepare(`SELECT case_id AS id, case_number AS caseNumber, subject_name AS subjectName FROM case_list ${clause}`)
      .all(params) as Array<{ id: string; caseNumber: string; subjectName: string | null }>;
  }

  /** These cases' rows, in the order of `ids`. */
  rows(ids: string[]): CaseListItem[] {
    if (ids.length === 0) return [];
    const found = this.db
      .prepare(`SELECT ${LIST_COLUMNS} FROM case_list WHERE case_id IN (${ids.map(() => '?').join(', ')})`)
      .all(...ids) as CaseListItem[];
    const byId = new Map(found.map((r) => [r.id, r]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /**
   * Who and where the cases of one page are, without their folded states and
   * without counting every match: for answers that name cases, not describe them.
   */
  summaries(filter: CaseListFilter, page: number, pageSize: number): CaseSummary[] {
    return this.page<CaseSummary>(filter, page, pageSize, SUMMARY_COLUMNS).items;
  }

  /** The ids of a district's open cases (neither closed nor voided), the earliest received first. */
  openCaseIds(district: string): string[] {
    return this.db
      .prepare<[string], { id: string }>(
        `SELECT case_id AS id FROM case_list WHERE district = ? AND status NOT IN ('closed', 'voided') ORDER BY received_on`,
      )
      .all(district)
      .map((row) => row.id);
  }

  private page<T = CaseListItem>(
    filter: CaseListFilter,
    page: number,
    pageSize: number,
    columns = LIST_COLUMNS,
    order?: CaseListOrder,
  ): { items: T[]; clause: string; params: Record<string, string | number> } {
    const { clause, params } = this.where(filter);
    const isDefault =
      !order ||
      (order.sort.key === CASE_LIST_DEFAULT_SORT.key && order.sort.descending === CASE_LIST_DEFAULT_SORT.descending);
    const orderParams: Record<string, string | number> = order && !isDefault ? { today: order.today } : {};
    const orderSql = order && !isDefault ? orderBy(order, orderParams) : 'received_on DESC, case_number DESC';
    const join = !isDefault && readsNextLoss(order) ? NEXT_LOSS_JOIN : '';
    const rows = this.db
      .prepare(`SELECT ${columns} FROM case_list ${join} ${clause} ORDER BY ${orderSql} LIMIT @limit OFFSET @offset`)
      .all({ ...params, ...orderParams, limit: pageSize, offset: (page - 1) * pageSize }) as T[];
    return { items: rows, clause, params };
  }

  /** The WHERE of a filter, with its parameters. */
  private where(filter: CaseListFilter): { clause: string; params: Record<string, string | number> } {
    const where: string[] = [];
    const params: Record<string, string | number> = {};
    // Which index leads: an investigator's own (few cases), else one district's, else the city's.
    // A unary + keeps SQLite from leading with another column's index and sorting what it finds.
    const oneDistrict = filter.district !== undefined || filter.districts?.length === 1;
    const byInvestigator = filter.investigator !== undefined;
    const followed = (column: 'district' | 'status'): string =>
      byInvestigator || !oneDistrict ? `+${column}` : column;
    const eq = (column: string, key: keyof CaseListFilter): void => {
      const value = filter[key];
      if (typeof value === 'string') {
        where.push(`${column} = @${key}`);
        params[key] = value;
      }
    };
    eq('case_number', 'caseNumber');
    eq(followed('district'), 'district');
    eq(followed('status'), 'status');
    eq('investigator', 'investigator');
    if (filter.personalNumberHash !== undefined) {
      where.push('(pin_hash = @personalNumberHash OR second_pin_hash = @personalNumberHash)');
      params.personalNumberHash = filter.personalNumberHash;
    }
    if (filter.identifiableBy) {
      const { user, unitHeadOf } = filter.identifiableBy;
      const heads = unitHeadOf.map((_, i) => `@uh${i}`).join(', ');
      where.push(
        `(identity_protected = 0 OR investigator = @identifiedBy${heads ? ` OR district IN (${heads})` : ''})`,
      );
      params.identifiedBy = user;
      unitHeadOf.forEach((d, i) => (params[`uh${i}`] = d));
    }
    if (filter.receivedFrom) {
      where.push('received_on >= @receivedFrom');
      params.receivedFrom = filter.receivedFrom;
    }
    if (filter.receivedTo) {
      where.push('received_on <= @receivedTo');
      params.receivedTo = filter.receivedTo;
    }
    if (filter.districts) {
      // Over several districts the newest-first index serves the order; SQLite would rather
      // read every row of the districts by their index and sort them, which grows with the store.
      const column = followed('district');
      where.push(
        filter.districts.length > 0 ? `${column} IN (${filter.districts.map((_, i) => `@d${i}`).join(', ')})` : '0',
      );
      filter.districts.forEach((d, i) => (params[`d${i}`] = d));
    }
    if (filter.open) where.push("status NOT IN ('closed', 'voided')");
    (filter.excludeStatuses ?? []).forEach((s, i) => {
      where.push(`status <> @ex${i}`);
      params[`ex${i}`] = s;
    });
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    return { clause, params };
  }

  /**
   * By district, status and investigator the counts are kept: no row is read. Other filters count
   * their (indexed) matches.
   */
  private total(filter: CaseListFilter, clause: string, params: Record<string, string | number>): number {
    const counted =
      !filter.caseNumber &&
      !filter.personalNumberHash &&
      !filter.identifiableBy &&
      !filter.receivedFrom &&
      !filter.receivedTo;
    // The kept counts hold the unassigned under '' (the list has NULL), so '' is counted in the list.
    const counts =
      filter.investigator === undefined ? 'case_counts' : filter.investigator ? 'case_investigator_counts' : undefined;
    const sql =
      counted && counts
        ? `SELECT COALESCE(SUM(n), 0) AS n FROM ${counts} ${clause.replace(/\+(?=\w)/g, '')}`
        : `SELECT COUNT(*) AS n FROM case_list ${clause}`;
    return (this.db.prepare(sql).get(params) as { n: number }).n;
  }
}
