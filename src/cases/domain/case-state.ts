import { type LocalDate, addYears } from '../../calendar/local-date';
import type { CaseEvent, IncorrectPayment, Payment, Subject } from './case-events';
import {
  LEGAL_BASES,
  OFFENCES,
  type Authority,
  type CaseStatus,
  type Law,
  type Source,
  lawGoverning,
} from './catalogues';

/** The state keeps each step as its event recorded it. */
type DataOf<T extends CaseEvent['type']> = Extract<CaseEvent, { type: T }>['data'];
import { type ClaimPosition, claimableOn } from './three-year-limit';

export interface OpenCase {
  exists: true;
  caseId: string;
  caseNumber: string;
  district: string;
  receivedOn: LocalDate;
  source: Source;
  notifyingAuthority: Authority | null;
  subject: Subject;
  suspectedPayments: Payment[];
  summary: string | null;
  investigator: string | null;
  assessment: DataOf<'PreAssessmentMade'> | null;
  investigation: DataOf<'InvestigationCompleted'> | null;
  claims: Claim[];
  plans: Array<DataOf<'RepaymentPlanAgreed'>>;
  repayments: Array<DataOf<'RepaymentReceived'>>;
  abilityToPay: DataOf<'AbilityToPayAssessed'> | null;
  suits: Array<DataOf<'CompensationSuitFiled'>>;
  judgments: Array<DataOf<'CompensationJudgmentDecided'>>;
  policeReport: (DataOf<'PoliceReportFiled'> & { outcomes: Array<DataOf<'PoliceReportOutcomeRecorded'>> }) | null;
  notificationsSent: Array<DataOf<'AuthorityNotified'>>;
  suitDecisions: Array<DataOf<'CompensationSuitDecided'>>;
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

/** A repayment claim over a set of the investigation's payments, under the law that governs them. */
export interface Claim extends Omit<DataOf<'RepaymentClaimDecided'>, 'paymentIndexes'> {
  law: Law;
  paymentIndexes: number[];
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
const ofClaim = <T extends { claimId: string; amountOre: number }>(xs: T[], claim: Claim): number =>
  sum(xs.filter((x) => x.claimId === claim.claimId).map((x) => x.amountOre));

/** What the person still owes on one claim: the claim less what was repaid and waived on it. */
export function claimOutstandingOre(c: OpenCase, claim: Claim): number {
  return claim.amountOre - ofClaim(c.repayments, claim) - ofClaim(c.waivers, claim);
}

/** Claims less repaid and waived, over every claim of the case. */
export function outstandingOre(c: OpenCase): number {
  return sum(c.claims.map((claim) => claimOutstandingOre(c, claim)));
}

export function claimedOre(c: OpenCase): number {
  return sum(c.claims.map((claim) => claim.amountOre));
}

const incorrectPayments = (c: OpenCase): IncorrectPayment[] => c.investigation?.incorrectPayments ?? [];

/** Positions of the investigation's payments that no claim covers yet. */
export function unclaimedIndexes(c: OpenCase): number[] {
  const claimed = new Set(c.claims.flatMap((claim) => claim.paymentIndexes));
  return incorrectPayments(c)
    .map((_, i) => i)
    .filter((i) => !claimed.has(i));
}

/** Positions of the unclaimed payments that `law` governs (by their grant date). */
export function unclaimedIndexesUnder(c: OpenCase, law: Law): number[] {
  const payments = incorrectPayments(c);
  return unclaimedIndexes(c).filter((i) => lawGoverning(payments[i].grantedOn) === law);
}

export function claimPositionOf(c: OpenCase, claim: Claim): ClaimPosition {
  const payments = incorrectPayments(c);
  return {
    claimOre: claim.amountOre,
    repaidOre: ofClaim(c.repayments, claim),
    waivedOre: ofClaim(c.waivers, claim),
    suedOre: ofClaim(c.suits, claim),
    payments: claim.paymentIndexes.map((i) => payments[i]),
  };
}

/** What could still be sued for on `on`, over every claim of the case. */
export function claimableOnCase(c: OpenCase, on: LocalDate): number {
  return sum(c.claims.map((claim) => claimableOn(claimPositionOf(c, claim), on)));
}

/** The payments known on a case: those the investigation established, else those suspected at registration. */
export function knownPayments(c: OpenCase): Payment[] {
  return c.investigation ? c.investigation.incorrectPayments : c.suspectedPayments;
}

/**
 * What the three-year limit puts at stake: each claim, and every known payment
 * no claim covers yet (money is lost while a case waits in the queue).
 */
export function limitPositions(c: OpenCase): ClaimPosition[] {
  const unclaimed = c.investigation
    ? unclaimedIndexes(c).map((i) => c.investigation!.incorrectPayments[i])
    : c.suspectedPayments;
  const payments = unclaimed.map((p) => ({ paidOn: p.paidOn, amountOre: p.amountOre }));
  const open =
    payments.length > 0
      ? [{ claimOre: sum(payments.map((p) => p.amountOre)), repaidOre: 0, waivedOre: 0, suedOre: 0, payments }]
      : [];
  return [...c.claims.map((claim) => claimPositionOf(c, claim)), ...open];
}

/**
 * When the reported offence becomes time-barred (brottsbalken 35 kap.): each
 * payment obtained is an act, time-barred its limitation years after the day it
 * was paid. Null without a police report or a known payment.
 */
export function offenceLimitation(c: OpenCase): { years: number; firstOn: LocalDate; lastOn: LocalDate } | null {
  if (!c.policeReport) return null;
  const acts = knownPayments(c)
    .map((p) => p.paidOn)
    .sort();
  if (acts.length === 0) return null;
  const years = OFFENCES[c.policeReport.offence].limitationYears;
  return { years, firstOn: addYears(acts[0], years), lastOn: addYears(acts[acts.length - 1], years) };
}

export function statusOf(c: OpenCase): CaseStatus {
  if (c.voided) return 'voided';
  if (c.closure) return 'closed';
  if (c.claims.length > 0 || c.policeReport) return 'follow-up';
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
      notifyingAuthority: d.notifyingAuthority ?? null,
      subject: d.subject,
      suspectedPayments: d.suspectedPayments,
      summary: d.summary,
      investigator: null,
      assessment: null,
      investigation: null,
      claims: [],
      plans: [],
      repayments: [],
      abilityToPay: null,
      suits: [],
      judgments: [],
      policeReport: null,
      notificationsSent: [],
      suitDecisions: [],
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
    case 'RepaymentClaimDecided': {
      const law = LEGAL_BASES[event.data.legalBasis];
      const claim: Claim = {
        ...event.data,
        law,
        paymentIndexes: event.data.paymentIndexes ?? unclaimedIndexesUnder(c, law),
      };
      return { ...c, claims: [...c.claims, claim], lastStepOn: later(c.lastStepOn, event.data.decidedOn) };
    }
    case 'RepaymentPlanAgreed':
      return { ...c, plans: [...c.plans, { ...event.data }], lastStepOn: later(c.lastStepOn, event.data.agreedOn) };
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
      return {
        ...c,
        policeReport: { ...event.data, outcomes: [] },
        lastStepOn: later(c.lastStepOn, event.data.filedOn),
      };
    case 'PoliceReportOutcomeRecorded':
      return {
        ...c,
        policeReport: c.policeReport && {
          ...c.policeReport,
          outcomes: [...c.policeReport.outcomes, { ...event.data }],
        },
        lastStepOn: later(c.lastStepOn, event.data.decidedOn),
      };
    case 'AuthorityNotified':
      return {
        ...c,
        notificationsSent: [...c.notificationsSent, { ...event.data }],
        lastStepOn: later(c.lastStepOn, event.data.sentOn),
      };
    case 'CompensationSuitDecided':
      return {
        ...c,
        suitDecisions: [...c.suitDecisions, { ...event.data }],
        lastStepOn: later(c.lastStepOn, event.data.decidedOn),
      };
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
