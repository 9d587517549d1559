import type { LocalDate } from '../calendar/local-date';
import { type IncorrectPayment, type Payment, type Subject, NO_CALCULATION } from '../cases/domain/case-shapes';
import type { Gender } from '../cases/domain/catalogues';
import { parsePersonalIdentityNumber } from '../cases/domain/personal-identity-number';
import { pastLimitNote } from '../cases/domain/rules';
import type { CaseEvent, DataOf } from '../cases/steps';
import { kronorToOre } from '../kernel/money';

/**
 * The events of a case for tests, with defaults on one timeline (received
 * 2018-02-01, opened 2018-02-10, investigated 2018-03-01, claim 1 decided
 * 2018-03-05): the HTTP harness (test/support/given.ts) writes them through the
 * service, the decider specifications replay them (`registeredCase` gives the
 * registration the ids the service would have made). Pure data: no framework.
 */

/** A registration as a test gives it: the case id, number and data key are the service's to make. */
type RegistrationData = Omit<DataOf<'CaseRegistered'>, 'caseId' | 'caseNumber' | 'dataKeyId'>;
export interface Registration {
  type: 'CaseRegistered';
  data: RegistrationData;
}
/** Any later event of a case. */
export type LaterEvent = Exclude<CaseEvent, { type: 'CaseRegistered' }>;

type Over<K extends CaseEvent['type']> = Partial<DataOf<K>>;

/** Kronor as the events hold them (öre). */
export const kr = (kronor: number): number => kronorToOre(kronor);

/** A person by 12-digit personnummer (as the service stores it: YYYYMMDDNNNN), with the gender it gives. */
export function person(personalIdentityNumber: string, name: string | null = null): Subject {
  // Only the long form: a short one's century depends on the day it is read.
  const parsed = /^\d{8}-?\d{4}$/.test(personalIdentityNumber)
    ? parsePersonalIdentityNumber(personalIdentityNumber, '9999-12-31')
    : { ok: false as const, reason: 'is not YYYYMMDD-NNNN or YYYYMMDDNNNN' };
  if (!parsed.ok) throw new Error(`person: ${personalIdentityNumber} ${parsed.reason}`);
  return { personalIdentityNumber: parsed.pin.value, name, gender: parsed.pin.gender };
}

/** Someone known only by gender. */
export const unnamed = (gender: Gender): Subject => ({ personalIdentityNumber: null, name: null, gender });

/** A suspected payment at registration. */
export const suspected = (paidOn: LocalDate, kronor: number): Payment => ({ paidOn, amountOre: kr(kronor) });

/** An incorrect payment the investigation found; granted on the day it was paid unless said. */
export const payment = (paidOn: LocalDate, kronor: number, grantedOn: LocalDate = paidOn): IncorrectPayment => ({
  paidOn,
  amountOre: kr(kronor),
  grantedOn,
  ...NO_CALCULATION,
});

export const caseRegistered = (over: Partial<RegistrationData> = {}): Registration => ({
  type: 'CaseRegistered',
  data: {
    district: 'farsta',
    receivedOn: '2018-02-01',
    source: 'caseworker',
    subject: unnamed('woman'),
    suspectedPayments: [],
    summary: null,
    ...over,
  },
});

/** The pre-assessment that opens an investigation. */
export const investigationOpened = (over: Over<'PreAssessmentMade'> = {}): LaterEvent => ({
  type: 'PreAssessmentMade',
  data: { decidedOn: '2018-02-10', decision: 'open-investigation', reason: null, suspectedCause: null, ...over },
});

/** The pre-assessment that opens none, for a reason. */
export const investigationNotOpened = (
  reason: NonNullable<DataOf<'PreAssessmentMade'>['reason']>,
  over: Over<'PreAssessmentMade'> = {},
): LaterEvent => ({
  type: 'PreAssessmentMade',
  data: { decidedOn: '2018-02-10', decision: 'no-investigation', reason, suspectedCause: null, ...over },
});

/**
 * The investigation's result: an incorrect payment found when payments are
 * given (cause unreported income), none otherwise; with the note on payments
 * all past their limits that the decider adds.
 */
export function investigationCompleted(over: Over<'InvestigationCompleted'> = {}): LaterEvent {
  const completedOn = over.completedOn ?? '2018-03-01';
  const incorrectPayments = over.incorrectPayments ?? [];
  const found = incorrectPayments.length > 0;
  return {
    type: 'InvestigationCompleted',
    data: {
      completedOn,
      finding: found ? 'incorrect-payment' : 'no-incorrect-payment',
      cause: found ? 'unreported-income' : null,
      incorrectPayments,
      intent: null,
      savedAmountOre: 0,
      errorType: null,
      ...pastLimitNote(incorrectPayments, completedOn),
      ...over,
    },
  };
}

/** A claim: its amount and the positions of the incorrect payments it covers are the test's to say. */
export const repaymentClaimDecided = (
  over: Pick<DataOf<'RepaymentClaimDecided'>, 'amountOre' | 'paymentIndexes'> & Over<'RepaymentClaimDecided'>,
): LaterEvent => ({
  type: 'RepaymentClaimDecided',
  data: { claimId: '1', decidedOn: '2018-03-05', legalBasis: 'SoL 9:1', ...over },
});

export const repaymentPlanAgreed = (
  over: Pick<DataOf<'RepaymentPlanAgreed'>, 'monthlyAmountOre'> & Over<'RepaymentPlanAgreed'>,
): LaterEvent => ({
  type: 'RepaymentPlanAgreed',
  data: { claimId: '1', agreedOn: '2018-03-10', firstDueOn: '2018-04-01', ...over },
});

export const repaymentReceived = (
  over: Pick<DataOf<'RepaymentReceived'>, 'amountOre' | 'receivedOn'> & Over<'RepaymentReceived'>,
): LaterEvent => ({ type: 'RepaymentReceived', data: { claimId: '1', kind: 'claim', ...over } });

export const abilityToPayAssessed = (
  over: Pick<DataOf<'AbilityToPayAssessed'>, 'assessedOn'> & Over<'AbilityToPayAssessed'>,
): LaterEvent => ({
  type: 'AbilityToPayAssessed',
  data: { able: true, ...over },
});

export const compensationSuitDecided = (
  over: Pick<DataOf<'CompensationSuitDecided'>, 'decidedOn'> & Over<'CompensationSuitDecided'>,
): LaterEvent => ({ type: 'CompensationSuitDecided', data: { claimId: '1', ...over } });

export const compensationSuitFiled = (
  over: Pick<DataOf<'CompensationSuitFiled'>, 'filedOn' | 'amountOre'> & Over<'CompensationSuitFiled'>,
): LaterEvent => ({ type: 'CompensationSuitFiled', data: { claimId: '1', ...over } });

/**
 * A police report: report 1 to the police, bidragsbrott, no reference; `acts` null (the case's
 * known payments, as reports before acts were named) unless the test names them.
 */
export const policeReportFiled = (
  over: Pick<DataOf<'PoliceReportFiled'>, 'filedOn'> & Over<'PoliceReportFiled'>,
): LaterEvent => ({
  type: 'PoliceReportFiled',
  data: { reportId: '1', offence: 'benefit-offence', recipient: 'police', reference: null, acts: null, ...over },
});

export const policeReportOutcomeRecorded = (
  over: Pick<DataOf<'PoliceReportOutcomeRecorded'>, 'decidedOn' | 'outcome'> & Over<'PoliceReportOutcomeRecorded'>,
): LaterEvent => ({ type: 'PoliceReportOutcomeRecorded', data: { reportId: '1', offence: null, ...over } });

export const estateClaimLodged = (
  over: Pick<DataOf<'EstateClaimLodged'>, 'lodgedOn' | 'amountOre'> & Over<'EstateClaimLodged'>,
): LaterEvent => ({ type: 'EstateClaimLodged', data: { claimId: '1', ...over } });

/** A kommunicering before a claim (unless told), with the material sent. */
export const communicationSent = (
  over: Pick<DataOf<'CommunicationSent'>, 'sentOn' | 'respondBy'> & Over<'CommunicationSent'>,
): LaterEvent => ({
  type: 'CommunicationSent',
  data: {
    communicationId: '1',
    concerning: 'repayment-claim',
    material: 'Utredningen och beräkningen månad för månad.',
    ...over,
  },
});

export const claimWaived = (
  over: Pick<DataOf<'ClaimWaived'>, 'decidedOn' | 'reason' | 'amountOre'> & Over<'ClaimWaived'>,
): LaterEvent => ({ type: 'ClaimWaived', data: { claimId: '1', ...over } });

/** An investigator given the case; the service dates it the day it is done. */
export const investigatorAssigned = (data: DataOf<'InvestigatorAssigned'>): LaterEvent => ({
  type: 'InvestigatorAssigned',
  data,
});

export const caseClosed = (data: DataOf<'CaseClosed'>): LaterEvent => ({ type: 'CaseClosed', data });

export const journalEntryAdded = (
  over: Pick<DataOf<'JournalEntryAdded'>, 'notedOn' | 'text'> & Over<'JournalEntryAdded'>,
): LaterEvent => ({ type: 'JournalEntryAdded', data: { kind: 'note', ...over } });

/** The registration as the decider holds it: with the case id, number and data key the service makes. */
export const registeredCase = (
  over: Partial<RegistrationData> = {},
): Extract<CaseEvent, { type: 'CaseRegistered' }> => ({
  type: 'CaseRegistered',
  data: { caseId: 'c-1', caseNumber: 'FA-2018-0001', dataKeyId: 'k-1', ...caseRegistered(over).data },
});
