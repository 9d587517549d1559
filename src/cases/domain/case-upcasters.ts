import type { CaseEventType } from './case-events';

/**
 * Case events whose shape changed, with the schema version new events are
 * written at, and the steps that bring older stored events up to it.
 */
type Data = Record<string, unknown>;

/** Before a case could hold several claims, its one claim was claim '1'. */
const onTheOnlyClaim = (data: Data): Data => ({ claimId: '1', ...data });

export const CASE_EVENT_UPCASTERS: ReadonlyArray<{
  type: CaseEventType;
  fromVersion: number;
  upcast: (d: Data) => Data;
}> = [
  // v1 held one claim per case, over the payments its law governs (resolved when folded).
  { type: 'RepaymentClaimDecided', fromVersion: 1, upcast: (d) => ({ ...onTheOnlyClaim(d), paymentIndexes: null }) },
  { type: 'RepaymentPlanAgreed', fromVersion: 1, upcast: onTheOnlyClaim },
  { type: 'RepaymentReceived', fromVersion: 1, upcast: onTheOnlyClaim },
  { type: 'ClaimWaived', fromVersion: 1, upcast: onTheOnlyClaim },
  { type: 'CompensationSuitFiled', fromVersion: 1, upcast: onTheOnlyClaim },
  { type: 'CompensationJudgmentDecided', fromVersion: 1, upcast: onTheOnlyClaim },
];

/** The schema version a case event of this type is written at today. */
export function caseEventVersion(type: string): number {
  return Math.max(1, ...CASE_EVENT_UPCASTERS.filter((u) => u.type === type).map((u) => u.fromVersion + 1));
}

/** Brings one stored case event to its current shape (what the event store's upcasters do on read). */
export function upcastCaseEvent(event: { type: string; data: Data; schemaVersion: number }): {
  type: string;
  data: Data;
} {
  let data = event.data;
  for (let v = event.schemaVersion; v < caseEventVersion(event.type); v++) {
    const step = CASE_EVENT_UPCASTERS.find((u) => u.type === event.type && u.fromVersion === v);
    if (step) data = step.upcast(data);
  }
  return { type: event.type, data };
}
