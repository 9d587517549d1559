import {
  CAUSES,
  CLOSE_REASONS,
  DECISION,
  ERROR_TYPES,
  FINDING,
  INTENT,
  JOURNAL_KIND,
  LEGAL_BASES,
  NO_INVESTIGATION_REASON,
  OFFENCE,
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
  | 'waivers'
  | 'assignment'
  | 'closure'
  | 'reopening'
  | 'journal'
  | 'void';

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
export function allowedSteps(c: CaseView, role: Role): Step[] {
  const steps: Step[] = [];
  if (c.status === 'voided') return steps;
  if (role === 'unit-head' && !['closed', 'voided'].includes(c.status)) {
    steps.push({
      id: 'assignment',
      title: 'Tilldela utredare',
      path: 'assignment',
      submit: 'Tilldela',
      fields: [
        {
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
        {
          id: 'repayment-claims',
          title: 'Beslut om återkrav',
          path: 'repayment-claims',
          submit: 'Besluta återkrav',
          fields: [
            date('decidedOn', 'Beslutsdatum'),
            { name: 'legalBasis', label: 'Lagrum', kind: 'select', required: true, options: options(legalBases) },
            amount('amount', 'Belopp (kr)', (x) =>
              kr((x.investigation?.incorrectPayments ?? []).reduce((s, p) => s + p.amount, 0)),
            ),
          ],
        },
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
      if (c.repaymentClaim && !c.repaymentPlan)
        steps.push({
          id: 'repayment-plan',
          title: 'Avbetalningsplan',
          path: 'repayment-plan',
          submit: 'Spara avbetalningsplan',
          fields: [
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
                  id: 'compensation-suits',
                  title: 'Ersättningstalan',
                  path: 'compensation-suits',
                  submit: 'Registrera ersättningstalan',
                  fields: [
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
          fields: [date('decidedOn', 'Domsdatum'), amount('awardedAmount', 'Tilldömt belopp (kr)')],
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
  steps.push(journal);
  return steps;
}
