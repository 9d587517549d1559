import {
  AUTHORITIES,
  CAUSES,
  CLOSE_REASONS,
  DECISION,
  ERROR_TYPES,
  FINDING,
  INTENT,
  JOURNAL_KIND,
  LEGAL_BASES,
  NO_INVESTIGATION_REASON,
  NOTIFIED_BENEFITS,
  OFFENCE,
  POLICE_REPORT_OUTCOMES,
  REPAYMENT_KIND,
  VOID_REASON,
  WAIVER_REASON,
} from '../../../../src/labels/sv';
import type { Schemas } from '../../api/client';
import type { Option } from '../../components/fields';

/** A field of a step form; `showIf` hides it unless another field has one of the values. */
export interface StepField {
  name: string;
  label: string;
  kind: 'date' | 'amount' | 'select' | 'text' | 'textarea' | 'payments';
  options?: Option[];
  required?: boolean;
  description?: string;
  showIf?: { field: string; values: string[] };
  /** A starting value other than today (dates) or empty. */
  initial?: (c: CaseView) => string;
}

export type CaseView = Schemas['CaseViewDto'];
type Role = Schemas['SessionInfoDto']['role'];

/** One step the case allows now, as its own form: the API path it posts to and its fields. */
export interface Step {
  id: string;
  title: string;
  path: StepPath;
  fields: StepField[];
  submit: string;
}

export type StepPath =
  | 'assessment'
  | 'investigation-result'
  | 'repayment-claims'
  | 'repayment-plan'
  | 'repayments'
  | 'ability-to-pay'
  | 'compensation-suits'
  | 'compensation-judgments'
  | 'police-reports'
  | 'police-report-outcomes'
  | 'authority-notifications'
  | 'compensation-suit-decisions'
  | 'transfer'
  | 'waivers'
  | 'assignment'
  | 'closure'
  | 'reopening'
  | 'journal'
  | 'void';

/** What the page knows besides the case: the register and whom cases can be given to. */
export interface StepContext {
  districts: Array<{ code: string; name: string; validTo: string | null }>;
  /** User ids known in the case's district; empty while loading or for investigators. */
  staff: string[];
}

const options = (labels: Record<string, string>): Option[] =>
  Object.entries(labels).map(([id, label]) => ({ id, label }));

const date = (name: string, label: string): StepField => ({
  name,
  label,
  kind: 'date',
  required: true,
  description: 'ÅÅÅÅ-MM-DD',
});
const amount = (name: string, label: string, initial?: (c: CaseView) => string): StepField => ({
  name,
  label,
  kind: 'amount',
  required: true,
  description: 'Kronor, till exempel 4 500,00',
  initial,
});

const kr = (n: number): string => n.toFixed(2).replace('.', ',');

/**
 * With several claims (each under its own law) a plan, repayment, waiver or
 * suit names the one it belongs to; with one claim the API takes that one.
 */
function onClaim(c: CaseView): StepField[] {
  if (c.repaymentClaims.length < 2) return [];
  return [
    {
      name: 'claimId',
      label: 'Återkrav',
      kind: 'select',
      required: true,
      options: c.repaymentClaims.map((x) => ({
        id: x.claimId,
        label: `Återkrav ${x.claimId}: ${x.legalBasis}, ${kr(x.amount)} kr`,
      })),
    },
  ];
}

/** A claim decision, its amount proposed from the payments no claim covers yet (all of them the first time). */
const claimDecision = (title: string): Step => ({
  id: 'repayment-claims',
  title,
  path: 'repayment-claims',
  submit: 'Besluta återkrav',
  fields: [
    date('decidedOn', 'Beslutsdatum'),
    { name: 'legalBasis', label: 'Lagrum', kind: 'select', required: true, options: options(legalBases) },
    amount('amount', 'Belopp (kr)', (x) =>
      kr(
        (x.investigation?.incorrectPayments ?? [])
          .filter((p) => p.claimId === null)
          .reduce((sum, p) => sum + p.amount, 0),
      ),
    ),
  ],
});

const legalBases = Object.fromEntries(Object.entries(LEGAL_BASES).map(([basis, law]) => [basis, `${basis} (${law})`]));

const offence: StepField = {
  name: 'offence',
  label: 'Misstänkt brott',
  kind: 'select',
  options: options(OFFENCE),
  initial: () => 'benefit-offence',
};

const closure: Step = {
  id: 'closure',
  title: 'Avsluta ärendet',
  path: 'closure',
  submit: 'Avsluta',
  fields: [
    date('closedOn', 'Avslutsdatum'),
    { name: 'reason', label: 'Avslutsorsak', kind: 'select', required: true, options: options(CLOSE_REASONS) },
  ],
};

const journal: Step = {
  id: 'journal',
  title: 'Ny journalanteckning',
  path: 'journal',
  submit: 'Spara anteckning',
  fields: [
    date('notedOn', 'Datum'),
    {
      name: 'kind',
      label: 'Slag',
      kind: 'select',
      required: true,
      options: options(JOURNAL_KIND),
      initial: () => 'note',
    },
    { name: 'text', label: 'Text', kind: 'textarea', required: true },
  ],
};

/** The steps the case's state allows, as the decider does (the API refuses anything else anyway). */
export function allowedSteps(c: CaseView, role: Role, context: StepContext): Step[] {
  const steps: Step[] = [];
  if (c.status === 'voided') return steps;
  const open = !['closed', 'voided'].includes(c.status);
  if (role === 'unit-head' && open) {
    steps.push({
      id: 'assignment',
      title: 'Tilldela utredare',
      path: 'assignment',
      submit: 'Tilldela',
      fields: [
        // A pick-list of the district's known staff; a free field only until they have loaded.
        context.staff.length > 0
          ? {
              name: 'investigator',
              label: 'Utredare',
              kind: 'select',
              required: true,
              options: context.staff.map((user) => ({ id: user, label: user })),
              initial: (x) => (x.investigator && context.staff.includes(x.investigator) ? x.investigator : ''),
            }
          : {
              name: 'investigator',
              label: 'Utredare (användar-id)',
              kind: 'text',
              required: true,
              initial: (x) => x.investigator ?? '',
            },
      ],
    });
  }
  switch (c.status) {
    case 'in-queue':
      steps.push(
        {
          id: 'assessment',
          title: 'Förhandsbedömning',
          path: 'assessment',
          submit: 'Spara förhandsbedömning',
          fields: [
            date('decidedOn', 'Beslutsdatum'),
            { name: 'decision', label: 'Beslut', kind: 'select', required: true, options: options(DECISION) },
            {
              name: 'reason',
              label: 'Skäl att inte inleda utredning',
              kind: 'select',
              required: true,
              options: options(NO_INVESTIGATION_REASON),
              showIf: { field: 'decision', values: ['no-investigation'] },
            },
            {
              name: 'suspectedCause',
              label: 'Misstänkt orsak',
              kind: 'select',
              options: options(CAUSES),
              showIf: { field: 'decision', values: ['open-investigation'] },
            },
          ],
        },
        {
          id: 'void',
          title: 'Makulera registreringen',
          path: 'void',
          submit: 'Makulera',
          fields: [
            { name: 'reason', label: 'Skäl', kind: 'select', required: true, options: options(VOID_REASON) },
            { name: 'note', label: 'Kommentar', kind: 'text' },
          ],
        },
      );
      break;
    case 'investigating':
      steps.push({
        id: 'investigation-result',
        title: 'Utredningsresultat',
        path: 'investigation-result',
        submit: 'Spara utredningsresultat',
        fields: [
          date('completedOn', 'Utredningen avslutad'),
          { name: 'finding', label: 'Resultat', kind: 'select', required: true, options: options(FINDING) },
          {
            name: 'cause',
            label: 'Orsak',
            kind: 'select',
            required: true,
            options: options(CAUSES),
            showIf: { field: 'finding', values: ['incorrect-payment'] },
          },
          {
            name: 'intent',
            label: 'Uppsåt',
            kind: 'select',
            options: options(INTENT),
            showIf: { field: 'finding', values: ['incorrect-payment'] },
          },
          {
            name: 'errorType',
            label: 'Typ av fel',
            kind: 'select',
            options: options(ERROR_TYPES),
            showIf: { field: 'finding', values: ['incorrect-payment'] },
          },
          {
            name: 'incorrectPayments',
            label: 'Felaktiga utbetalningar',
            kind: 'payments',
            showIf: { field: 'finding', values: ['incorrect-payment'] },
          },
          {
            name: 'savedAmount',
            label: 'Inbesparat belopp (kr)',
            kind: 'amount',
            description: 'Bistånd som inte längre betalas ut tack vare utredningen',
          },
        ],
      });
      break;
    case 'investigated':
      steps.push(
        claimDecision('Beslut om återkrav'),
        {
          id: 'police-reports',
          title: 'Polisanmälan',
          path: 'police-reports',
          submit: 'Registrera polisanmälan',
          fields: [date('filedOn', 'Anmält datum'), offence],
        },
        closure,
      );
      break;
    case 'not-opened':
      steps.push(closure);
      break;
    case 'follow-up':
      // Payments no claim covers yet (e.g. granted under the other law) can get a claim of their own.
      if ((c.investigation?.incorrectPayments ?? []).some((p) => p.claimId === null))
        steps.push(claimDecision('Nytt beslut om återkrav'));
      if (c.repaymentClaims.some((x) => x.repaymentPlan === null))
        steps.push({
          id: 'repayment-plan',
          title: 'Avbetalningsplan',
          path: 'repayment-plan',
          submit: 'Spara avbetalningsplan',
          fields: [
            ...onClaim(c),
            date('agreedOn', 'Överenskommen'),
            amount('monthlyAmount', 'Belopp per månad (kr)'),
            date('firstDueOn', 'Första betalning'),
          ],
        });
      if (c.repaymentClaim)
        steps.push(
          {
            id: 'repayments',
            title: 'Återbetalning',
            path: 'repayments',
            submit: 'Registrera återbetalning',
            fields: [
              ...onClaim(c),
              date('receivedOn', 'Inbetald'),
              amount('amount', 'Belopp (kr)'),
              {
                name: 'kind',
                label: 'Avser',
                kind: 'select',
                required: true,
                options: options(REPAYMENT_KIND),
                initial: () => 'claim',
              },
            ],
          },
          {
            id: 'ability-to-pay',
            title: 'Betalningsförmåga',
            path: 'ability-to-pay',
            submit: 'Spara bedömning',
            fields: [
              date('assessedOn', 'Bedömd'),
              {
                name: 'able',
                label: 'Betalningsförmåga',
                kind: 'select',
                required: true,
                options: [
                  { id: 'true', label: 'Har betalningsförmåga' },
                  { id: 'false', label: 'Saknar betalningsförmåga' },
                ],
              },
            ],
          },
          // A suit can only cover payments still within their three-year limit.
          ...(c.threeYearLimit.claimableToday > 0
            ? ([
                {
                  id: 'compensation-suit-decisions',
                  title: 'Beslut att väcka ersättningstalan',
                  path: 'compensation-suit-decisions',
                  submit: 'Registrera beslutet',
                  fields: [...onClaim(c), date('decidedOn', 'Beslutsdatum')],
                },
                {
                  id: 'compensation-suits',
                  title: 'Ersättningstalan',
                  path: 'compensation-suits',
                  submit: 'Registrera ersättningstalan',
                  fields: [
                    ...onClaim(c),
                    date('filedOn', 'Ingiven till förvaltningsrätten'),
                    amount('amount', 'Belopp (kr)', (x) => kr(x.threeYearLimit.claimableToday)),
                  ],
                },
              ] satisfies Step[])
            : []),
          {
            id: 'waivers',
            title: 'Eftergift',
            path: 'waivers',
            submit: 'Registrera eftergift',
            fields: [
              ...onClaim(c),
              date('decidedOn', 'Beslutsdatum'),
              { name: 'reason', label: 'Skäl', kind: 'select', required: true, options: options(WAIVER_REASON) },
              amount('amount', 'Belopp (kr)'),
            ],
          },
        );
      if (c.compensationSuits.length > 0)
        steps.push({
          id: 'compensation-judgments',
          title: 'Dom i ersättningsmål',
          path: 'compensation-judgments',
          submit: 'Registrera dom',
          fields: [...onClaim(c), date('decidedOn', 'Domsdatum'), amount('awardedAmount', 'Tilldömt belopp (kr)')],
        });
      if (!c.policeReport)
        steps.push({
          id: 'police-reports',
          title: 'Polisanmälan',
          path: 'police-reports',
          submit: 'Registrera polisanmälan',
          fields: [date('filedOn', 'Anmält datum'), offence],
        });
      steps.push(closure);
      break;
    case 'closed':
      steps.push({
        id: 'reopening',
        title: 'Återöppna ärendet',
        path: 'reopening',
        submit: 'Återöppna',
        fields: [date('reopenedOn', 'Datum'), { name: 'reason', label: 'Skäl', kind: 'text', required: true }],
      });
      break;
  }
  if (c.policeReport && c.status !== 'in-queue')
    steps.push({
      id: 'police-report-outcomes',
      title: 'Besked om polisanmälan',
      path: 'police-report-outcomes',
      submit: 'Registrera beskedet',
      fields: [
        date('decidedOn', 'Beskedets datum'),
        {
          name: 'outcome',
          label: 'Besked',
          kind: 'select',
          required: true,
          options: options(POLICE_REPORT_OUTCOMES),
        },
      ],
    });
  if (['investigating', 'investigated', 'follow-up'].includes(c.status))
    steps.push({
      id: 'authority-notifications',
      title: 'Underrättelse till annan myndighet',
      path: 'authority-notifications',
      submit: 'Registrera underrättelsen',
      fields: [
        date('sentOn', 'Skickad'),
        { name: 'authority', label: 'Myndighet', kind: 'select', required: true, options: options(AUTHORITIES) },
        {
          name: 'concerning',
          label: 'Avser förmån',
          kind: 'select',
          required: true,
          options: options(NOTIFIED_BENEFITS),
        },
      ],
    });
  if (open)
    steps.push({
      id: 'transfer',
      title: 'Flytta till annan stadsdel',
      path: 'transfer',
      submit: 'Flytta ärendet',
      fields: [
        date('transferredOn', 'Flyttas'),
        {
          name: 'toDistrict',
          label: 'Till stadsdel',
          kind: 'select',
          required: true,
          options: context.districts
            .filter((d) => d.code !== c.district && d.validTo === null)
            .map((d) => ({ id: d.code, label: d.name })),
        },
      ],
    });
  steps.push(journal);
  return steps;
}
