import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { Principal, Role } from '../auth/principal';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../event-store/event-store.port';
import { Clock } from '../infrastructure/clock';
import { Consistency } from '../infrastructure/consistency.service';
import { READ_MODEL_DB } from '../infrastructure/tokens';
import type { Projection } from '../projections/projection';
import { LeastRecentlyUsed } from '../common/least-recently-used';

export const STAFF_SEEN = 'StaffMemberSeen';
export const MAX_REMEMBERED_STAFF = 10_000;
const staffStream = (user: string): string => `staff-${user}`;
/** Who can be given cases: investigators, and unit heads who investigate themselves. */
const CASE_HANDLERS: Role[] = ['investigator', 'unit-head'];

interface StaffRow {
  user: string;
  role: Role;
  districts: string;
}

/** The staff the service knows, by user: role and districts as last seen or registered. */
export class StaffProjection implements Projection {
  readonly name = 'staff';
  readonly version = 1;

  setup(db: Database.Database): void {
    db.exec(`CREATE TABLE IF NOT EXISTS staff (
      user_id   TEXT PRIMARY KEY,
      role      TEXT NOT NULL,
      districts TEXT NOT NULL,
      since     TEXT NOT NULL
    ) WITHOUT ROWID`);
  }

  reset(db: Database.Database): void {
    db.exec('DELETE FROM staff');
  }

  apply(event: RecordedEvent, db: Database.Database): void {
    if (event.type !== STAFF_SEEN) return;
    const d = event.data as { user: string; role: Role; districts: string[] };
    db.prepare(
      `INSERT INTO staff (user_id, role, districts, since) VALUES (?, ?, ?, ?)
       ON CONFLICT (user_id) DO UPDATE SET role = excluded.role, districts = excluded.districts, since = excluded.since`,
    ).run(d.user, d.role, JSON.stringify(d.districts), event.metadata.recordedAt);
  }
}

/**
 * The staff known to the service: everyone who has signed in as an
 * investigator or unit head (from their verified token), and anyone entered in
 * the staff register. A change of role or districts is recorded as an event,
 * so the directory is rebuilt from the log like every read model. Cases can
 * only be given to someone known here, in the case's district.
 */
@Injectable()
export class StaffDirectory {
  /**
   * What was last recorded per user, so a request by a known user writes
   * nothing: at most MAX_REMEMBERED_STAFF users (one forgotten is looked up
   * in the read model again at its next request).
   */
  private readonly recorded = new LeastRecentlyUsed<string, string>(MAX_REMEMBERED_STAFF);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
    private readonly consistency: Consistency,
    private readonly clock: Clock,
  ) {}

  /** Called for every verified request; records a user the first time, and when their role or districts change. */
  async noteSeen(principal: Principal): Promise<void> {
    if (!CASE_HANDLERS.includes(principal.role)) return;
    await this.record(principal, principal.user);
  }

  /** The staff register: makes a user known without their signing in (the demo history, an import). */
  async register(member: Principal, actor: string): Promise<void> {
    await this.record(member, actor);
  }

  /** The districts in which `user` can be given cases; null when the service does not know them. */
  async districtsOf(user: string): Promise<string[] | null> {
    await this.consistency.readYourWrites('staff');
    const row = this.row(user);
    return row && CASE_HANDLERS.includes(row.role) ? (JSON.parse(row.districts) as string[]) : null;
  }

  /** Everyone who can be given cases in a district, by user id: what a unit head picks from. */
  async inDistrict(district: string): Promise<Array<{ user: string; role: Role }>> {
    await this.consistency.readYourWrites('staff');
    return this.db
      .prepare<[string], { user: string; role: Role }>(
        `SELECT user_id AS user, role FROM staff, json_each(staff.districts)
         WHERE json_each.value = ? AND role IN ('investigator', 'unit-head') ORDER BY user_id`,
      )
      .all(district);
  }

  private row(user: string): StaffRow | undefined {
    return this.db
      .prepare<[string], StaffRow>('SELECT user_id AS user, role, districts FROM staff WHERE user_id = ?')
      .get(user);
  }

  private async record(member: Principal, actor: string): Promise<void> {
    const districts = [...member.districts].sort();
    const signature = `${member.role}|${districts.join(',')}`;
    if (this.recorded.get(member.user) === signature) return;
    const row = this.row(member.user);
    if (!row || `${row.role}|${(JSON.parse(row.districts) as string[]).join(',')}` !== signature) {
      const at = this.clock.now().toISOString();
      await this.store.append(
        staffStream(member.user),
        [
          {
            id: randomUUID(),
            type: STAFF_SEEN,
            schemaVersion: 1,
            data: { user: member.user, role: member.role, districts },
            metadata: {
              occurredOn: at.slice(0, 10),
              recordedAt: at,
              recordedBy: actor,
              correlationId: randomUUID(),
              causationId: null,
            },
          },
        ],
        'any',
      );
    }
    this.recorded.set(member.user, signature);
  }
}
