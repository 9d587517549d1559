import {
  type RecordShape,
  type Shape,
  type ShapeProblem,
  pick,
  bool,
  code,
  list,
  literal,
  localDate,
  nullable,
  oneOf,
  optional,
  ore,
  integer,
  problemsOf,
  record,
  text,
} from '../../kernel/shape';
import type { CaseEvent, CaseEventType, IncorrectPayment, Payment, Subject } from './case-events';
import {
  AUTHORITIES,
  CAUSES,
  CLOSE_REASONS,
  ERROR_TYPES,
  GENDERS,
  INTENTS,
  JOURNAL_KINDS,
  LEGAL_BASES,
  NO_INVESTIGATION_REASONS,
  NOTIFIED_BENEFITS,
  OFFENCES,
  POLICE_REPORT_OUTCOMES,
  REPAYMENT_KINDS,
  SOURCES,
  VOID_REASONS,
  WAIVER_REASONS,
} from './catalogues';

type DataOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>['data'];

/** A stored personal field is ciphertext (a string) or null; the plain text is checked before it is encrypted. */
const personalText = nullable(text());

const payment: Shape<Payment> = record<Payment>({ paidOn: localDate, amountOre: ore() });
const incorrectPayment: Shape<IncorrectPayment> = record<IncorrectPayment>({
  paidOn: localDate,
  amountOre: ore(),
  grantedOn: localDate,
});
const subject: Shape<Subject> = record<Subject>({
  personalIdentityNumber: personalText,
  name: personalText,
  gender: oneOf(GENDERS),
});
const pastLimit = optional(record<{ expiredAmountOre: number }>({ expiredAmountOre: ore({ zero: true }) }));
const claimId = code();

/**
 * What every case event must hold for the decider's fold and every projection
 * to read it. Keyed by event type: a new event type, or a new field of one,
 * does not compile until its shape is here.
 */
export const CASE_EVENT_SHAPES: { [K in CaseEventType]: RecordShape<DataOf<K>> } = {
  CaseRegistered: record<DataOf<'CaseRegistered'>>({
    caseId: code(),
    caseNumber: text({ max: 64 }),
    district: code(),
    receivedOn: localDate,
    source: oneOf(SOURCES),
    subject,
    suspectedPayments: list(payment, { max: 120 }),
    summary: personalText,
    notifyingAuthority: optional(nullable(oneOf(AUTHORITIES))),
    dataKeyId: optional(nullable(code())),
  }),
  PreAssessmentMade: record<DataOf<'PreAssessmentMade'>>({
    decidedOn: localDate,
    decision: oneOf(['open-investigation', 'no-investigation']),
    reason: nullable(oneOf(NO_INVESTIGATION_REASONS)),
    suspectedCause: nullable(oneOf(CAUSES)),
    paymentsPastLimit: pastLimit,
  }),
  InvestigationCompleted: record<DataOf<'InvestigationCompleted'>>({
    completedOn: localDate,
    finding: oneOf(['incorrect-payment', 'no-incorrect-payment']),
    cause: nullable(oneOf(CAUSES)),
    incorrectPayments: list(incorrectPayment, { max: 500 }),
    intent: nullable(oneOf(INTENTS)),
    savedAmountOre: ore({ zero: true }),
    errorType: optional(nullable(oneOf(ERROR_TYPES))),
    paymentsPastLimit: pastLimit,
  }),
  RepaymentClaimDecided: record<DataOf<'RepaymentClaimDecided'>>({
    claimId,
    decidedOn: localDate,
    legalBasis: oneOf(LEGAL_BASES),
    amountOre: ore(),
    paymentIndexes: nullable(list(integer({ min: 0 }))),
  }),
  RepaymentPlanAgreed: record<DataOf<'RepaymentPlanAgreed'>>({
    claimId,
    agreedOn: localDate,
    monthlyAmountOre: ore(),
    firstDueOn: localDate,
  }),
  RepaymentReceived: record<DataOf<'RepaymentReceived'>>({
    claimId,
    receivedOn: localDate,
    amountOre: ore(),
    kind: oneOf(REPAYMENT_KINDS),
  }),
  AbilityToPayAssessed: record<DataOf<'AbilityToPayAssessed'>>({ assessedOn: localDate, able: bool }),
  CompensationSuitFiled: record<DataOf<'CompensationSuitFiled'>>({ claimId, filedOn: localDate, amountOre: ore() }),
  CompensationJudgmentDecided: record<DataOf<'CompensationJudgmentDecided'>>({
    claimId,
    decidedOn: localDate,
    awardedAmountOre: ore({ zero: true }),
  }),
  PoliceReportFiled: record<DataOf<'PoliceReportFiled'>>({ filedOn: localDate, offence: oneOf(OFFENCES) }),
  PoliceReportOutcomeRecorded: record<DataOf<'PoliceReportOutcomeRecorded'>>({
    decidedOn: localDate,
    outcome: oneOf(POLICE_REPORT_OUTCOMES),
  }),
  AuthorityNotified: record<DataOf<'AuthorityNotified'>>({
    sentOn: localDate,
    authority: oneOf(AUTHORITIES),
    concerning: oneOf(NOTIFIED_BENEFITS),
  }),
  CompensationSuitDecided: record<DataOf<'CompensationSuitDecided'>>({ claimId, decidedOn: localDate }),
  ClaimWaived: record<DataOf<'ClaimWaived'>>({
    claimId,
    decidedOn: localDate,
    reason: oneOf(WAIVER_REASONS),
    amountOre: ore(),
  }),
  InvestigatorAssigned: record<DataOf<'InvestigatorAssigned'>>({ assignedOn: localDate, investigator: code() }),
  CaseTransferred: record<DataOf<'CaseTransferred'>>({
    transferredOn: localDate,
    fromDistrict: code(),
    toDistrict: code(),
    byMerger: optional(literal(true)),
  }),
  CaseClosed: record<DataOf<'CaseClosed'>>({ closedOn: localDate, reason: oneOf(CLOSE_REASONS) }),
  CaseReopened: record<DataOf<'CaseReopened'>>({ reopenedOn: localDate, reason: text() }),
  JournalEntryAdded: record<DataOf<'JournalEntryAdded'>>({
    notedOn: localDate,
    kind: oneOf(JOURNAL_KINDS),
    text: text(),
  }),
  CaseVoided: record<DataOf<'CaseVoided'>>({
    voidedOn: localDate,
    reason: oneOf(VOID_REASONS),
    note: personalText,
  }),
  PersonalDataCulled: record<DataOf<'PersonalDataCulled'>>({ culledOn: localDate }),
};

/**
 * What is wrong with a case event's data, empty when the fold and the
 * projections can read it. `strict` (when writing) also refuses fields the
 * event does not have; a stored event is read past them.
 */
export function caseEventProblems(event: { type: string; data: unknown }, strict: boolean): ShapeProblem[] {
  const shape = (CASE_EVENT_SHAPES as Record<string, Shape<unknown> | undefined>)[event.type];
  if (!shape) return [{ field: 'type', message: `${event.type} is not a case event` }];
  return problemsOf(shape, event.data, { strict });
}

/** The fields of each case event one reader reads: it checks those and passes over the rest. */
export type CaseEventReads = { readonly [K in CaseEventType]: ReadonlyArray<keyof DataOf<K>> };

const partialShapes = new WeakMap<CaseEventReads, Map<string, Shape<unknown>>>();

/** What is wrong with the fields `reads` names, for a reader that needs no more of the event. */
export function caseEventProblemsFor(event: { type: string; data: unknown }, reads: CaseEventReads): ShapeProblem[] {
  let shapes = partialShapes.get(reads);
  if (!shapes) partialShapes.set(reads, (shapes = new Map()));
  let shape = shapes.get(event.type);
  if (!shape) {
    const whole = (CASE_EVENT_SHAPES as Record<string, RecordShape<Record<string, unknown>> | undefined>)[event.type];
    if (!whole) return [{ field: 'type', message: `${event.type} is not a case event` }];
    shape = pick(whole, (reads as Record<string, readonly string[]>)[event.type]) as Shape<unknown>;
    shapes.set(event.type, shape);
  }
  return problemsOf(shape, event.data, { strict: false });
}
