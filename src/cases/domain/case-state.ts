import type { LocalDate } from '../../calendar/local-date';
import type { CaseEvent, IncorrectPayment, Payment, Subject } from './case-events';
import { LEGAL_BASES, type CaseStatus, type Law, type Source, lawGoverning } from './catalogues';

/** The state keeps each step as its event recorded it. */
type DataOf<T extends CaseEvent['type']> = Extract<CaseEvent, { type: T }>['data'];
import { ClaimPosition } from './three-year-limit';

export interface OpenCase {
  exists: true;
  caseId: string;
  caseNumber: string;
  district: string;
  receivedOn: LocalDate;
  source: Source;
  subject: Subject;
  suspectedPayments: Payment[];
  summary: string | null;
  investigator: string | null;
  assessment: DataOf<'PreAssessmentMade'> | null;
  investigation: DataOf<'InvestigationCompleted'> | null;
  claim: (DataOf<'RepaymentClaimDecided'> & { law: Law }) | null;
  plan: DataOf<'RepaymentPlanAgreed'> | null;
  repayments: Array<DataOf<'RepaymentReceived'>>;
  abilityToPay: DataOf<'AbilityToPayAssessed'> | null;
  suits: Array<DataOf<'CompensationSuitFiled'>>;
  judgments: Array<DataOf<'CompensationJudgmentDecided'>>;
  policeReport: DataOf<'PoliceReportFiled'> | null;
  waivers: Array<DataOf<'ClaimWaived'>>;
  transfers: Array<DataOf<'CaseTransferred'>>;
  closure: DataOf<'CaseClosed'> | null;
  reopenings: Array<DataOf<'CaseReopened'>>;
  journal: Array<DataOf<'JournalEntryAdded'>>;
  voided: DataOf<'CaseVoided'> | null;
  dataKeyId: string | null;
  culledOn: LocalDate | null;
  /** Latest business date of any step: nothing may be dated before it where it depends on all of them. */
  lastStepOn: LocalDate;
}

export type CaseState = { exists: false } | OpenCase;

export const initialState = (): CaseState => ({ exists: false });

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

export function repaidOre(c: OpenCase): number {
  return sum(c.repayments.map((r) => r.amountOre));
}
export function waivedOre(c: OpenCase): number {
  return sum(c.waivers.map((w) => w.amountOre));
}
export function suedOre(c: OpenCase): number {
  return sum(c.suits.map((s) => s.amountOre));
}
/** Claim less repaid and waived: what the person still owes. */
export function outstandingOre(c: OpenCase): number {
  return c.claim ? c.claim.amountOre - repaidOre(c) - waivedOre(c) : 0;
}

/** The incorrect payments a claim under `law` covers: those that law governs. */
export function paymentsUnder(c: OpenCase, law: Law): IncorrectPayment[] {
  return (c.investigation?.incorrectPayments ?? []).filter((p) => lawGoverning(p.grantedOn) === law);
}

export function claimPosition(c: OpenCase): ClaimPosition {
  return {
    claimOre: c.claim?.amountOre ?? 0,
    repaidOre: repaidOre(c),
    waivedOre: waivedOre(c),
    suedOre: suedOre(c),
    payments: c.claim ? paymentsUnder(c, c.claim.law) : [],
  };
}

/** The payments known on a case: those the investigation established, else those suspected at registration. */
export function knownPayments(c: OpenCase): Payment[] {
  return c.investigation ? c.investigation.incorrectPayments : c.suspectedPayments;
}

/**
 * What the three-year limit puts at stake: the claim once decided, before that
 * every known payment (money is lost while a case waits in the queue).
 */
export function limitPosition(c: OpenCase): ClaimPosition {
  if (c.claim) return claimPosition(c);
  const payments = knownPayments(c).map((p) => ({ paidOn: p.paidOn, amountOre: p.amountOre }));
  return { claimOre: sum(payments.map((p) => p.amountOre)), repaidOre: 0, waivedOre: 0, suedOre: 0, payments };
}

export function statusOf(c: OpenCase): CaseStatus {
  if (c.voided) return 'voided';
  if (c.closure) return 'closed';
  if (c.claim || c.policeReport) return 'follow-up';
  if (!c.assessment) return 'in-queue';
  if (c.assessment.decision === 'no-investigation') return 'not-opened';
  return c.investigation ? 'investigated' : 'investigating';
}

const later = (a: LocalDate, b: LocalDate): LocalDate => (a >= b ? a : b);

export function evolve(state: CaseState, event: CaseEvent): CaseState {
  if (event.type === 'CaseRegistered') {
    const d = event.data;
    return {
      exists: true,
      caseId: d.caseId,
      caseNumber: d.caseNumber,
      district: d.district,
      receivedOn: d.receivedOn,
      source: d.source,
      subject: d.subject,
      suspectedPayments: d.suspectedPayments,
      summary: d.summary,
      investigator: null,
      assessment: null,
      investigation: null,
      claim: null,
      plan: null,
      repayments: [],
      abilityToPay: null,
      suits: [],
      judgments: [],
      policeReport: null,
      waivers: [],
      transfers: [],
      closure: null,
      reopenings: [],
      journal: [],
      voided: null,
      dataKeyId: d.dataKeyId ?? null,
      culledOn: null,
      lastStepOn: d.receivedOn,
    };
  }
  if (!state.exists) return state;
  const c = state;
  switch (event.type) {
    case 'PreAssessmentMade':
      return { ...c, assessment: { ...event.data }, lastStepOn: later(c.lastStepOn, event.data.decidedOn) };
    case 'InvestigationCompleted':
      return { ...c, investigation: { ...event.data }, lastStepOn: later(c.lastStepOn, event.data.completedOn) };
    case 'RepaymentClaimDecided':
      return {
        ...c,
        claim: { ...event.data, law: LEGAL_BASES[event.data.legalBasis] },
        lastStepOn: later(c.lastStepOn, event.data.decidedOn),
      };
    case 'RepaymentPlanAgreed':
      return { ...c, plan: { ...event.data }, lastStepOn: later(c.lastStepOn, event.data.agreedOn) };
    case 'RepaymentReceived':
      return {
        ...c,
        repayments: [...c.repayments, { ...event.data }],
        lastStepOn: later(c.lastStepOn, event.data.receivedOn),
      };
    case 'AbilityToPayAssessed':
      return { ...c, abilityToPay: { ...event.data }, lastStepOn: later(c.lastStepOn, event.data.assessedOn) };
    case 'CompensationSuitFiled':
      return { ...c, suits: [...c.suits, { ...event.data }], lastStepOn: later(c.lastStepOn, event.data.filedOn) };
    case 'CompensationJudgmentDecided':
      return {
        ...c,
        judgments: [...c.judgments, { ...event.data }],
        lastStepOn: later(c.lastStepOn, event.data.decidedOn),
      };
    case 'PoliceReportFiled':
      return { ...c, policeReport: { ...event.data }, lastStepOn: later(c.lastStepOn, event.data.filedOn) };
    case 'ClaimWaived':
      return {
        ...c,
        waivers: [...c.waivers, { ...event.data }],
        lastStepOn: later(c.lastStepOn, event.data.decidedOn),
      };
    case 'InvestigatorAssigned':
      return { ...c, investigator: event.data.investigator };
    case 'CaseTransferred':
      return {
        ...c,
        district: event.data.toDistrict,
        transfers: [...c.transfers, { ...event.data }],
        lastStepOn: later(c.lastStepOn, event.data.transferredOn),
      };
    case 'CaseClosed':
      return { ...c, closure: { ...event.data }, lastStepOn: later(c.lastStepOn, event.data.closedOn) };
    case 'CaseReopened':
      return {
        ...c,
        closure: null,
        reopenings: [...c.reopenings, { ...event.data }],
        lastStepOn: later(c.lastStepOn, event.data.reopenedOn),
      };
    case 'JournalEntryAdded':
      return { ...c, journal: [...c.journal, { ...event.data }] };
    case 'CaseVoided':
      return { ...c, voided: { ...event.data } };
    case 'PersonalDataCulled':
      return { ...c, culledOn: event.data.culledOn };
  }
}
