import Database from 'better-sqlite3';
import type { RecordedEvent } from '../../event-store/event-store.port';
import { toNewEvents } from '../application/case-stream';
import type { CaseEvent } from '../steps';
import { CaseListProjection } from './case-list.projection';
import { CaseReminderQueries } from './case-reminders';
import { explainingDatabase, type RecordedPlan } from '../../testing/query-plans';

/**
 * The reminders read model: written from the folded case on every change, so
 * the service's own reminders follow the case; read by one investigator's
 * rows, filtered by the day they show on.
 */
const TODAY = '2019-01-07';
let position = 0;
const revisions = new Map<string, number>();

function recorded(caseId: string, events: CaseEvent[]): RecordedEvent[] {
  const streamId = `case-${caseId}`;
  return toNewEvents(events, {
    actor: 't',
    recordedAt: '2019-01-07T09:00:00.000Z',
    correlationId: 'c',
    causationId: null,
  }).map((e) => {
    const revision = (revisions.get(streamId) ?? -1) + 1;
    revisions.set(streamId, revision);
    return { ...e, streamId, revision, position: ++position };
  });
}

const registered = (caseId: string, district = 'farsta'): CaseEvent => ({
  type: 'CaseRegistered',
  data: {
    caseId,
    caseNumber: `FA-2018-${caseId}`,
    district,
    receivedOn: '2018-02-01',
    source: 'caseworker',
    subject: { personalIdentityNumber: null, name: null, gender: 'woman' },
    // Limits 2019-02-15 (within 60 days of today) and 2019-06-24 (not yet shown).
    suspectedPayments: [
      { paidOn: '2016-02-15', amountOre: 100_000 },
      { paidOn: '2016-06-23', amountOre: 200_000 },
    ],
    summary: null,
    dataKeyId: null,
  },
});
const assigned = (investigator: string): CaseEvent => ({
  type: 'InvestigatorAssigned',
  data: { assignedOn: '2018-02-02', investigator },
});
const set = (reminderId: string, dueOn: string): CaseEvent => ({
  type: 'ReminderSet',
  data: { reminderId, setOn: '2018-12-20', dueOn, text: 'enc:v1:k:iv:x' },
});

describe('the reminders read model', () => {
  const db = new Database(':memory:');
  const projection = new CaseListProjection(() => null);
  projection.setup(db);
  const apply = (caseId: string, ...events: CaseEvent[]) => projection.applyBatch(recorded(caseId, events), db);
  const page = (investigator: string, districts = ['farsta'], today = TODAY) =>
    new CaseReminderQueries(db).page(investigator, districts, today, 1, 50);
  const ids = (investigator: string, districts?: string[], today?: string) =>
    page(investigator, districts, today).rows.map((r) => `${r.caseId}/${r.reminderId}`);

  it('keeps none for a case nobody has', () => {
    apply('0001', registered('0001'));
    expect(db.prepare('SELECT COUNT(*) AS n FROM case_reminders').get()).toEqual({ n: 0 });
  });

  it("lists an investigator's reminders that show today, the earliest due first, with totals", () => {
    apply('0001', assigned('anna'), set('1', '2019-01-03'));
    expect(ids('anna')).toEqual(['0001/1', '0001/suit-deadline:2019-02-15']);
    expect(page('anna')).toMatchObject({ total: 2, overdue: 1 });
    // The later limit shows from 60 days before it; the first is gone after its day.
    expect(ids('anna', ['farsta'], '2019-05-01')).toEqual(['0001/1', '0001/suit-deadline:2019-06-24']);
    // The row keeps the text as the log holds it (encrypted): the reader decrypts it.
    expect(page('anna').rows[0]).toMatchObject({ text: 'enc:v1:k:iv:x', kind: 'user', version: 2 });
  });

  it('follows the case: reassigned, marked done, closed', () => {
    apply('0002', registered('0002'), assigned('anna'));
    expect(ids('anna')).toContain('0002/suit-deadline:2019-02-15');
    apply('0002', assigned('bo'));
    expect(ids('anna')).not.toContain('0002/suit-deadline:2019-02-15');
    expect(ids('bo')).toEqual(['0002/suit-deadline:2019-02-15']);
    apply('0002', {
      type: 'ReminderDone',
      data: { reminderId: 'suit-deadline:2019-02-15', kind: 'suit-deadline', doneOn: TODAY },
    });
    expect(ids('bo')).toEqual([]);
    apply('0002', set('1', '2019-03-01'), { type: 'CaseClosed', data: { closedOn: TODAY, reason: 'no-action' } });
    // A closed case keeps its investigator's own reminder; the three-year limit no longer watches it.
    expect(ids('bo', ['farsta'], '2019-05-01')).toEqual(['0002/1']);
  });

  it("reads only the caller's districts", () => {
    apply('0003', registered('0003', 'bromma'), assigned('anna'));
    expect(ids('anna', ['farsta'])).not.toContain('0003/suit-deadline:2019-02-15');
    expect(ids('anna', ['bromma'])).toEqual(['0003/suit-deadline:2019-02-15']);
    expect(ids('anna', [])).toEqual([]);
  });

  it('is built again when the settings the reminders follow change', () => {
    expect(new CaseListProjection(() => null, { policeOutcomeMonths: 3 }).version).not.toBe(projection.version);
  });
});

describe("the reminders' reads", () => {
  it("read one investigator's rows by the index, never every reminder of the store", () => {
    const db = new Database(':memory:');
    new CaseListProjection(() => null).setup(db);
    const plans: RecordedPlan[] = [];
    const queries = new CaseReminderQueries(explainingDatabase(db, plans, { total: 0, overdue: 0 }));
    queries.page('anna', ['farsta', 'bromma'], TODAY, 3, 25);
    queries.firstPerCase('anna', ['farsta'], TODAY);
    expect(plans).toHaveLength(3);
    for (const { plan } of plans) {
      expect(plan.some((d) => /^SEARCH r USING PRIMARY KEY \(investigator=/.test(d))).toBe(true);
      expect(plan.filter((d) => /^SCAN r\b/.test(d))).toEqual([]);
    }
    // Read in the key's order: no sort of the investigator's rows.
    expect(plans.flatMap((p) => p.plan).filter((d) => /TEMP B-TREE/.test(d))).toEqual([]);
  });
});
