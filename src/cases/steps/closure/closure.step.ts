import type { LocalDate } from '../../../calendar/local-date';
import { localDate, object, oneOf, optional as optionalShape, personalText, type Infer } from '../../../kernel/shape';
import { checkAll, rule } from '../../domain/case-errors';
import {
  type OpenCase,
  claimOutstandingOre,
  claimableOnCase,
  offenceLimitation,
  outstandingOre,
  prosecuted,
} from '../../domain/case-state';
import {
  CLOSE_REASONS,
  NOT_PROVEN_OUTCOMES,
  SUSPECTED_OFFENCE_INTENTS,
  type CloseReason,
  type RepaymentKind,
  type WaiverReason,
} from '../../domain/catalogues';
import { checkDate, kr, openCase } from '../../domain/rules';
import { caseEvent, choiceField, dateField, defineStep, given, optional, textField } from '../../domain/step';
import {
  DECISION_MAKER_FIELD,
  DECISION_MAKER_REFUSALS,
  DECISION_MAKER_REQUEST,
  decidedUnderDelegation,
  decisionMakerDetails,
  decisionMakerOf,
  prepareDecisionMaker,
} from '../../domain/decision-maker';
import { asked } from '../../domain/details';
import type { ClosingNeed } from './closing-needs';

/** The case is closed with exactly one closing reason (avslutsorsak), as the yearly report counts them. */
const caseClosedShape = object({
  closedOn: localDate,
  reason: oneOf(CLOSE_REASONS),
  /**
   * Why no police report was made although the investigation found intent or
   * gross negligence (6 § bidragsbrottslagen): free text, so personal data.
   * Only with Ingen åtgärd and Inget återkrav; absent on those recorded before it was asked.
   */
  noPoliceReportReason: optionalShape(personalText()),
  /** Who decided to close the case, and under which delegation point. */
  ...DECISION_MAKER_FIELD,
});

/** What a CaseClosed event holds. */
export type CaseClosedData = Infer<typeof caseClosedShape>;

const reasonField = choiceField(CLOSE_REASONS, 'Avslutsorsak');

export const CaseClosed = caseEvent('CaseClosed', {
  shape: caseClosedShape,
  label: 'Avslutat',
  on: (d) => d.closedOn,
  // Why no police report was made is free text: it stays off the timeline.
  details: (d) => [asked(reasonField, d.reason), ...decisionMakerDetails(d.decisionMaker)],
  evolve: (c, d) => ({ ...c, closure: { ...d } }),
  statistics: { reads: ['closedOn', 'reason'], facts: (d) => [['closed', 0, d.reason]] },
});

export const closure = defineStep({
  id: 'closure',
  command: 'CloseCase',
  auditLabel: 'Avslutade ärendet',
  actors: 'case-handlers',
  http: {
    route: 'closure',
    summary: 'Close the case with its closing reason.',
    title: 'Avsluta ärendet',
    submit: 'Avsluta',
    request: {
      closedOn: dateField('Avslutsdatum'),
      reason: reasonField,
      noPoliceReportReason: optional(
        textField('Skäl till att ingen polisanmälan gjordes', {
          max: 2000,
          showIf: { field: 'reason', values: ['no-action', 'no-claim'] },
          hint: 'Krävs när utredningen fann uppsåt eller grov oaktsamhet och ingen polisanmälan är gjord',
          doc: 'Why no police report was made although the investigation found intent or gross negligence (6 § bidragsbrottslagen); required then for no-action and no-claim.',
        }),
      ),
      ...DECISION_MAKER_REQUEST,
    },
    toCommand: (b, context) => ({
      closedOn: b.closedOn,
      reason: b.reason,
      ...given('noPoliceReportReason', b.noPoliceReportReason?.trim() || undefined),
      ...decisionMakerOf(b, context),
    }),
  },
  prepare: prepareDecisionMaker,
  refusals: {
    'closing-reason-not-met': ['rule', 'Avslutsorsaken stämmer inte med ärendets steg.'],
    ...DECISION_MAKER_REFUSALS,
  },
  requires: openCase,
  decide: (d, c, { today }) => {
    // The closing date, the closing reason and who decided: every rule they break in one answer.
    let dateValid = false;
    let decisionMaker: ReturnType<typeof decidedUnderDelegation> = {};
    checkAll(
      () => {
        checkDate(c, 'closedOn', d.closedOn, today, [[c.lastStepOn, 'the latest step of the case']]);
        dateValid = true;
      },
      () => {
        // Two reasons are held to the closing date (what is claimable, the offence's limitation on it). A date in
        // the future refuses them for every earlier day too, so for whichever date is right; a date too early says
        // nothing of the right one, and they wait for it. The other reasons do not read the date.
        const readsDate = d.reason === 'waived-time-limit' || d.reason === 'offence-time-barred';
        if (readsDate && !dateValid && d.closedOn <= today) return;
        const unmet = unmetForClosing(c, d.reason, d.closedOn, d.noPoliceReportReason);
        if (unmet.length > 0)
          throw rule(
            'closing-reason-not-met',
            `${d.reason} needs ${unmet.map((u) => u.message).join('; ')}`,
            'reason',
            Object.assign({ missing: unmet.map((u) => u.missing) }, ...unmet.map((u) => u.details ?? {})),
          );
      },
      // The delegation point is the one in force on the closing date: it is checked only on a valid date.
      () => {
        if (dateValid) decisionMaker = decidedUnderDelegation('closure', d, c, d.closedOn);
      },
    );
    // Kept with the two closings that speak of a police report; another closing has no use for it.
    // The rest of the command is spread, so a field the event does not hold is refused by its shape.
    const { noPoliceReportReason, decisionMaker: _named, delegationOrder: _order, ...closing } = d;
    const reasonKept = d.reason === 'no-action' || d.reason === 'no-claim' ? noPoliceReportReason : undefined;
    return [
      CaseClosed.of({
        ...closing,
        ...given('noPoliceReportReason', reasonKept),
        ...decisionMaker,
      }),
    ];
  },
});

/** Something a closing reason needs and the case lacks: a code the client can act on, and what it means. */
interface Unmet {
  missing: ClosingNeed;
  message: string;
  details?: Record<string, unknown>;
}

/** Repaid as `kind`: nothing outstanding, and repayments of that kind made. */
function repaidAs(c: OpenCase, kind: RepaymentKind): Unmet[] {
  const outstanding = outstandingOre(c);
  const ofKind = c.repayments.some((r) => r.kind === kind && r.amountOre > 0);
  if (outstanding === 0 && ofKind) return [];
  return [
    {
      missing: 'repayment',
      message:
        outstanding > 0
          ? `nothing may be outstanding; ${kr(outstanding)} is`
          : `the claim was not repaid as ${kind} (no such repayment)`,
      details: { outstandingAmount: outstanding / 100 },
    },
  ];
}

/** Waived for `reason`: the nämnd's waiver decision (9 kap. 4 § / 33 kap. 6 § SoL) covers what is outstanding. */
function waivedFor(c: OpenCase, reason: WaiverReason): Unmet[] {
  const outstanding = outstandingOre(c);
  const decided = c.waivers.some((w) => w.reason === reason);
  if (outstanding === 0 && decided) return [];
  return [
    {
      missing: 'waiver',
      message: `a waiver decision (${reason}) must cover what is outstanding (${kr(outstanding)})`,
      details: { outstandingAmount: outstanding / 100 },
    },
  ];
}

const needs = (met: boolean, missing: ClosingNeed, message: string): Unmet[] => (met ? [] : [{ missing, message }]);
const aClaim = (c: OpenCase) => needs(c.claims.length > 0, 'repayment-claim', 'a repayment claim');
const noClaim = (c: OpenCase) => needs(c.claims.length === 0, 'no-repayment-claim', 'no repayment claim');
const aPoliceReport = (c: OpenCase) => needs(c.policeReports.length > 0, 'police-report', 'a police report');

/** Brottet preskriberat: every act past its limitation on the closing day, and no prosecution brought. */
function timeBarred(c: OpenCase, closedOn: LocalDate): Unmet[] {
  if (prosecuted(c)) return [{ missing: 'no-prosecution', message: 'no prosecution brought (one was)' }];
  const limitation = offenceLimitation(c);
  if (limitation && limitation.lastOn <= closedOn) return [];
  return [
    {
      missing: 'offence-time-barred',
      message: limitation
        ? `every act past its limitation; the last is time-barred on ${limitation.lastOn}`
        : 'a known payment to date the offence by',
      details: limitation ? { limitationDate: limitation.lastOn } : {},
    },
  ];
}

/**
 * Brott kan ej styrkas: the police or the prosecutor found no crime to prove,
 * on every report (a preliminary investigation closed, no prosecution, or an
 * acquittal). A report still waiting, or one that ended in a conviction, is no ground.
 */
function notProven(c: OpenCase): Unmet[] {
  const open = c.policeReports.filter((r) => {
    const last = r.outcomes[r.outcomes.length - 1];
    return !last || !NOT_PROVEN_OUTCOMES.includes(last.outcome);
  });
  return needs(
    open.length === 0,
    'police-outcome',
    `a recorded outcome that the offence cannot be proven (förundersökning nedlagd, åtal väcks inte or a judgment acquitting) on police report ${open.map((r) => r.reportId).join(', ')}`,
  );
}

/**
 * Money still owed ends only by repayment, a waiver (9 kap. 4 § SoL 2001:453,
 * 33 kap. 6 § SoL 2025:400), a claim against the estate and what came of it, or
 * a court's judgment on the claim (which then stands on its own): the claim
 * stands whatever became of the police report, so no closing drops it. What a
 * closing of `reason` needs for the claims still owed: the estate's outcome for
 * Avliden, a repayment or a waiver for the others.
 */
function moneySettled(c: OpenCase, reason: CloseReason): Unmet[] {
  const owed = c.claims.filter(
    (claim) => claimOutstandingOre(c, claim) > 0 && !c.judgments.some((j) => j.claimId === claim.claimId),
  );
  if (owed.length === 0) return [];
  const outstanding = owed.reduce((s, claim) => s + claimOutstandingOre(c, claim), 0);
  const details = { outstandingAmount: outstanding / 100, unsettledClaims: owed.map((x) => x.claimId) };
  if (reason === 'deceased') {
    const lodged = owed.every((claim) => c.estateClaims.some((e) => e.claimId === claim.claimId && !e.outcome));
    return [
      lodged
        ? {
            missing: 'estate-claim-outcome',
            message: `what came of the claim against the estate (${kr(outstanding)} is still owed)`,
            details,
          }
        : {
            missing: 'estate-claim',
            message: `a claim lodged against the estate and its outcome, a repayment or a waiver for the ${kr(outstanding)} still owed`,
            details,
          },
    ];
  }
  return [
    {
      missing: 'repayment-or-waiver',
      message: `${kr(outstanding)} is still owed: it must be repaid or waived (the claim stands whatever the criminal outcome)`,
      details,
    },
  ];
}

/**
 * Ingen åtgärd or Inget återkrav after an investigation that found intent or
 * gross negligence, with no police report: the duty to report (6 §
 * bidragsbrottslagen) was not met, so the closing must say why none was made.
 */
function noReportNeedsReason(c: OpenCase, reason: CloseReason): boolean {
  return (
    (reason === 'no-action' || reason === 'no-claim') &&
    c.policeReports.length === 0 &&
    c.investigation !== null &&
    c.investigation.intent !== null &&
    SUSPECTED_OFFENCE_INTENTS.includes(c.investigation.intent)
  );
}

function reasonForNoReport(c: OpenCase, reason: CloseReason, given: string | undefined): Unmet[] {
  return needs(
    !noReportNeedsReason(c, reason) || Boolean(given),
    'no-police-report-reason',
    'a reason why no police report was made, as the investigation found intent or gross negligence',
  );
}

/** Each closing reason's precondition, from the process that leads to it. */
function unmetForClosing(
  c: OpenCase,
  reason: CloseReason,
  closedOn: LocalDate,
  noReportReason: string | undefined,
): Unmet[] {
  switch (reason) {
    case 'repaid-claim':
      return c.claims.length > 0 ? repaidAs(c, 'claim') : aClaim(c);
    case 'repaid-damages':
      return c.claims.length > 0 ? [...aPoliceReport(c), ...repaidAs(c, 'damages')] : aClaim(c);
    case 'repaid-compensation':
      return c.claims.length > 0
        ? [
            ...needs(c.judgments.length > 0, 'compensation-judgment', 'a judgment on a compensation suit'),
            ...repaidAs(c, 'compensation'),
          ]
        : aClaim(c);
    case 'waived-time-limit': {
      if (c.claims.length === 0) return aClaim(c);
      const claimable = claimableOnCase(c, closedOn);
      if (claimable > 0) {
        return [
          {
            missing: 'waiver',
            message: `${kr(claimable)} can still be sued for on ${closedOn}`,
            details: { claimableAmount: claimable / 100 },
          },
        ];
      }
      return waivedFor(c, 'time-limit');
    }
    case 'waived-other':
      return c.claims.length > 0 ? waivedFor(c, 'other') : aClaim(c);
    case 'no-claim':
      return [
        ...needs(c.investigation !== null, 'investigation-result', 'an investigation result'),
        ...noClaim(c),
        ...reasonForNoReport(c, reason, noReportReason),
      ];
    case 'no-action':
      return [
        ...noClaim(c),
        ...needs(c.policeReports.length === 0, 'no-police-report', 'no police report'),
        ...reasonForNoReport(c, reason, noReportReason),
      ];
    case 'offence-time-barred':
      return c.policeReports.length > 0
        ? [...timeBarred(c, closedOn), ...moneySettled(c, reason)]
        : [...aPoliceReport(c), ...moneySettled(c, reason)];
    case 'offence-not-proven':
      return c.policeReports.length > 0
        ? [...notProven(c), ...moneySettled(c, reason)]
        : [...aPoliceReport(c), ...moneySettled(c, reason)];
    case 'internal-error':
      return [
        ...needs(
          c.assessment?.reason === 'internal-error' || c.investigation?.cause === 'internal-error',
          'internal-error-finding',
          'a pre-assessment or investigation that found an internal error',
        ),
        ...noClaim(c),
      ];
    case 'deceased':
      return moneySettled(c, reason);
  }
}
