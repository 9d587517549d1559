import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { addYears, makeDate, todayInStockholm, type LocalDate } from '../calendar/local-date';
import type { AppConfig } from '../config/config';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../event-store/event-store.port';
import { Clock } from '../infrastructure/clock';
import { Consistency } from '../infrastructure/consistency.service';
import { APP_CONFIG, READ_MODEL_DB } from '../infrastructure/tokens';
import { caseStreamId, toCaseEvent, toNewEvents } from '../cases/application/case-stream';
import { type OpenCase, personalFileIds } from '../cases/domain/case-state';
import { replay } from '../cases/steps';
import { PersonalFiles } from '../files';
import { parsePersonalIdentityNumber } from '../cases/domain/personal-identity-number';
import { PersonalData } from '../personal-data/personal-data';
import { storageFaultOf } from '../common/storage-faults';

/**
 * Every file a case keeps: those its stream names (a file added since the
 * list was read is removed too) and those the list's state names. An event
 * the fold cannot read is passed over here, so one bad event never keeps a
 * person's files and key from being culled.
 */
function filesOf(listed: OpenCase, events: RecordedEvent[]): string[] {
  const readable = events.flatMap((e) => {
    try {
      return toCaseEvent(e) ?? [];
    } catch {
      return [];
    }
  });
  const state = replay(readable);
  return [...new Set([...personalFileIds(listed), ...(state.exists ? personalFileIds(state) : [])])];
}

/** What a run did: the cases whose culling it recorded or completed, and whether every due case is done. */
export interface RetentionRun extends RetentionPlan {
  culled: number;
  /** False when a fault stopped the run after it had changed something: run it again to finish. */
  complete: boolean;
  /** What stopped an incomplete run (e.g. SQLITE_FULL). */
  interruptedBy?: string;
}

export interface RetentionCase {
  id: string;
  caseNumber: string;
  district: string;
  status: string;
  lastEntryOn: LocalDate;
  /** Five years (RETENTION_YEARS) after the last entry. */
  dueOn: LocalDate;
  /** Culling must be complete by the end of the following calendar year. */
  completeBy: LocalDate;
}

export interface RetentionPlan {
  today: LocalDate;
  years: number;
  researchMunicipality: boolean;
  /** Cases whose person's data key is shredded in this run. */
  due: RetentionCase[];
  /** Due, but kept: the same person has a case that is not due yet (the key is per person). */
  waitingForOtherCases: RetentionCase[];
  /** Kept for research (persons born on the configured days of the month). */
  exemptForResearch: RetentionCase[];
  /**
   * Inaktiva öppna ärenden: open cases with no entry for RETENTION_YEARS. Never culled by a run
   * (an open case may hold a claim still owed); listed for the unit to close the case or act on it.
   */
  inactiveOpen: RetentionCase[];
}

/** The data key of the second person named in a case, which is that person's in this case alone. */
const secondPersonKeys = (state: OpenCase): string[] => (state.secondPerson ? [state.secondPerson.dataKeyId] : []);

interface Row {
  id: string;
  caseNumber: string;
  district: string;
  status: string;
  dataKeyId: string | null;
  lastRecordedAt: string;
  state: string;
}

/**
 * Retention (gallring, 16 kap. 1 § SoL 2025:400): a person's file is culled
 * five years after its last entry, by shredding the person's data key. The
 * events keep business dates, district, gender and amounts, so statistics stay.
 *
 * The rule counts from the last entry in the file, open or closed (12 kap. 1 §
 * SoL 2001:453, 16 kap. 1 § SoL 2025:400), yet an open FUT case may hold a
 * claim still owed, whose documents the nämnd needs to collect it. Unsure:
 * whether the duty to cull reaches such a case before it is closed. The
 * reading here culls only closed or voided cases, and lists an open case with
 * no entry for the same years as inaktivt öppet ärende, for the unit to close
 * it or act on it: never culled by a run.
 */
@Injectable()
export class RetentionService {
  constructor(
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly personalData: PersonalData,
    private readonly consistency: Consistency,
    private readonly clock: Clock,
    private readonly files: PersonalFiles,
  ) {}

  async plan(): Promise<RetentionPlan> {
    await this.consistency.readYourWrites('case-list');
    return this.planNow();
  }

  /** The plan from the read models as they are (the caller has made sure they are current). */
  planNow(): RetentionPlan {
    const today = todayInStockholm(this.clock.now());
    const { years, researchMunicipality, researchBirthDays } = this.config.retention;
    const plan: RetentionPlan = {
      today,
      years,
      researchMunicipality,
      due: [],
      waitingForOtherCases: [],
      exemptForResearch: [],
      inactiveOpen: this.inactiveOpen(today, years),
    };
    if (researchMunicipality) return plan;
    const rows = this.db
      .prepare(
        `SELECT case_id AS id, case_number AS caseNumber, district, status, data_key_id AS dataKeyId, last_recorded_at AS lastRecordedAt, state
         FROM case_list WHERE data_key_id IS NOT NULL ORDER BY case_number`,
      )
      .all() as Row[];
    const byKey = new Map<string, Row[]>();
    for (const r of rows) byKey.set(r.dataKeyId!, [...(byKey.get(r.dataKeyId!) ?? []), r]);
    for (const [keyId, group] of byKey) {
      const states = group.map((r) => JSON.parse(r.state) as OpenCase);
      const cases = group.map((r) => this.describe(r, years));
      if (states.some((s) => s.culledOn)) {
        // A run stopped by a fault after recording a culling, before shredding the keys: the next run finishes it.
        if ([keyId, ...states.flatMap(secondPersonKeys)].some((k) => this.personalData.hasKey(k)))
          plan.due.push(...cases);
        continue;
      }
      const isDue = (c: RetentionCase): boolean => (c.status === 'closed' || c.status === 'voided') && c.dueOn <= today;
      const dueCases = cases.filter(isDue);
      if (dueCases.length === 0) continue;
      const pin = this.personalData.revealOrNull(states[0].subject.personalIdentityNumber);
      const parsed = pin ? parsePersonalIdentityNumber(pin, today) : null;
      if (parsed?.ok && researchBirthDays.includes(Number(parsed.pin.birthDate.slice(8, 10)))) {
        plan.exemptForResearch.push(...dueCases);
      } else if (dueCases.length < cases.length) {
        plan.waitingForOtherCases.push(...dueCases);
      } else {
        plan.due.push(...dueCases);
      }
    }
    return plan;
  }

  /** Open cases (neither closed nor voided) whose last entry is `years` or more ago, with or without personal data. */
  private inactiveOpen(today: LocalDate, years: number): RetentionCase[] {
    const rows = this.db
      .prepare(
        `SELECT case_id AS id, case_number AS caseNumber, district, status, last_recorded_at AS lastRecordedAt
         FROM case_list WHERE status NOT IN ('closed', 'voided') ORDER BY case_number`,
      )
      .all() as Array<Omit<Row, 'dataKeyId' | 'state'>>;
    return rows.map((r) => this.describe(r, years)).filter((c) => c.dueOn <= today);
  }

  /** Whether a key is gone; when the key store cannot say, as if it were (the run then reports itself unfinished). */
  private shredded(keyId: string): boolean {
    try {
      return !this.personalData.hasKey(keyId);
    } catch {
      return true;
    }
  }

  private describe(r: Omit<Row, 'dataKeyId' | 'state'>, years: number): RetentionCase {
    const lastEntryOn = todayInStockholm(new Date(r.lastRecordedAt));
    const dueOn = addYears(lastEntryOn, years);
    return {
      id: r.id,
      caseNumber: r.caseNumber,
      district: r.district,
      status: r.status,
      lastEntryOn,
      dueOn,
      completeBy: makeDate(Number(dueOn.slice(0, 4)) + 1, 12, 31),
    };
  }

  /**
   * Records the culling on each due case, removes the case's files
   * (attachments, documents) from the file store, then shreds the persons'
   * data keys. Each append is a change of its own (EventStoreDB cannot append to several
   * streams at once), so a fault part-way does not answer as if nothing was
   * done: the run answers what it culled and `complete: false`, and the next
   * run finishes it (a case whose culling is recorded but whose key is still
   * there is due again, and its files are removed again, which is no error
   * for those already gone). A fault before anything was changed is thrown.
   * The files are removed before the key is shredded, so a key is only ever
   * missing once its files are gone too; a copy of a file that survives
   * elsewhere (a backup) is ciphertext under the shredded key.
   */
  async run(actor: string): Promise<RetentionRun> {
    const plan = await this.plan();
    const rows = new Map(
      (
        this.db
          .prepare('SELECT case_id AS id, data_key_id AS keyId, state FROM case_list WHERE data_key_id IS NOT NULL')
          .all() as Array<{ id: string; keyId: string; state: string }>
      ).map((r) => [r.id, r]),
    );
    // The person's key, and the key of each second person named in a culled case: their data in it is
    // part of the case's file and goes with it (that key is theirs in this case only).
    const keys = [
      ...new Set(
        plan.due.flatMap((c) => {
          const row = rows.get(c.id)!;
          return [row.keyId, ...secondPersonKeys(JSON.parse(row.state) as OpenCase)];
        }),
      ),
    ];
    const recordedAt = this.clock.now().toISOString();
    let recorded = 0;
    try {
      for (const c of plan.due) {
        const events = await this.store.readStream(caseStreamId(c.id));
        const listed = JSON.parse(rows.get(c.id)!.state) as OpenCase;
        // Recorded by an earlier run that a fault stopped: only its files and key are left to do.
        if (!listed.culledOn && !events.some((e) => e.type === 'PersonalDataCulled')) {
          const event = { type: 'PersonalDataCulled' as const, data: { culledOn: plan.today } };
          await this.store.append(
            caseStreamId(c.id),
            toNewEvents([event], { actor, recordedAt, correlationId: randomUUID(), causationId: null }),
            events[events.length - 1].revision,
          );
          recorded++;
        }
        for (const fileId of filesOf(listed, events)) await this.files.remove(fileId);
      }
      // Shredded after the culling is recorded: a key is only ever missing for a case whose log says it was culled.
      this.personalData.shred(keys);
    } catch (error) {
      if (recorded === 0 && !keys.some((k) => this.shredded(k))) throw error;
      return {
        ...plan,
        culled: recorded,
        complete: false,
        interruptedBy: storageFaultOf(error) ?? (error instanceof Error ? error.name : 'error'),
      };
    }
    return { ...plan, culled: plan.due.length, complete: true };
  }
}
