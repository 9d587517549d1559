import type { LocalDate } from '../../../calendar/local-date';
import { localDate, object, oneOf, type Infer } from '../../../kernel/shape';
import { rule } from '../../domain/case-errors';
import { type OpenCase, claimableOnCase, offenceLimitation, outstandingOre } from '../../domain/case-state';
import {
  CLOSE_REASONS,
  PROSECUTED_OUTCOMES,
  type CloseReason,
  type RepaymentKind,
  type WaiverReason,
} from '../../domain/catalogues';
import { checkDate, kr, openCase } from '../../domain/rules';
import { caseEvent, choiceField, dateField, defineStep } from '../../domain/step';

/** The case is closed with exactly one closing reason (avslutsorsak), as the yearly report counts them. */
const caseClosedShape = object({ closedOn: localDate, reason: oneOf(CLOSE_REASONS) });

/** What a CaseClosed event holds. */
export type CaseClosedData = Infer<typeof caseClosedShape>;

export const CaseClosed = caseEvent('CaseClosed', {
  shape: caseClosedShape,
  label: 'Avslutat',
  on: (d) => d.closedOn,
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
    request: { closedOn: dateField('Avslutsdatum'), reason: choiceField(CLOSE_REASONS, 'Avslutsorsak') },
    toCommand: (b) => ({ closedOn: b.closedOn, reason: b.reason }),
  },
  refusals: {
    'closing-reason-not-met': ['rule', 'Avslutsorsaken stämmer inte med ärendets steg.'],
  },
  requires: openCase,
  decide: (d, c, { today }) => {
    checkDate(c, 'closedOn', d.closedOn, today, [[c.lastStepOn, 'the latest step of the case']]);
    const unmet = unmetForClosing(c, d.reason, d.closedOn);
    if (unmet.length > 0)
      throw rule(
        'closing-reason-not-met',
        `${d.reason} needs ${unmet.map((u) => u.message).join('; ')}`,
        'reason',
        Object.assign({ missing: unmet.map((u) => u.missing) }, ...unmet.map((u) => u.details ?? {})),
      );
    return [CaseClosed.of({ ...d })];
  },
});

/** Something a closing reason needs and the case lacks: a code the client can act on, and what it means. */
interface Unmet {
  missing: string;
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

const needs = (met: boolean, missing: string, message: string): Unmet[] => (met ? [] : [{ missing, message }]);
const aClaim = (c: OpenCase) => needs(c.claims.length > 0, 'repayment-claim', 'a repayment claim');
const noClaim = (c: OpenCase) => needs(c.claims.length === 0, 'no-repayment-claim', 'no repayment claim');
const aPoliceReport = (c: OpenCase) => needs(c.policeReport !== null, 'police-report', 'a police report');

/** Brottet preskriberat: every act past its limitation on the closing day, and no prosecution brought. */
function timeBarred(c: OpenCase, closedOn: LocalDate): Unmet[] {
  const prosecuted = c.policeReport!.outcomes.some((o) => PROSECUTED_OUTCOMES.includes(o.outcome));
  if (prosecuted) return [{ missing: 'no-prosecution', message: 'no prosecution brought (one was)' }];
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

/** Each closing reason's precondition, from the process that leads to it. */
function unmetForClosing(c: OpenCase, reason: CloseReason, closedOn: LocalDate): Unmet[] {
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
      return [...needs(c.investigation !== null, 'investigation-result', 'an investigation result'), ...noClaim(c)];
    case 'no-action':
      return [...noClaim(c), ...needs(c.policeReport === null, 'no-police-report', 'no police report')];
    case 'offence-time-barred':
      return c.policeReport ? timeBarred(c, closedOn) : aPoliceReport(c);
    case 'offence-not-proven':
      return aPoliceReport(c);
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
      return [];
  }
}
