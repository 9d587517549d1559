import type { LocalDate } from '../../calendar/local-date';
import { type District, isDistrictValidOn } from '../../districts/district-register';
import type { Principal } from '../../auth/principal';
import { PROBLEM, type ProblemCode } from '../../labels/sv';
import type { CaseError } from '../domain/case-errors';
import type { OpenCase } from '../domain/case-state';
import { POLICE_REPORT_RECIPIENTS } from '../domain/catalogues';
import type { FormContext, RequestField } from '../domain/step';
import { ROUTED_STEPS, type RoutedStep } from '../steps';
import { STEP_GROUP, type StepGroup } from '../steps/step-groups';
import { DEFAULT_REMINDER_SETTINGS, type ReminderSettings, remindersOn } from '../steps/reminder/automatic-reminders';
import { reminderNames } from './case-reminders-view';
import { GRANTED_ON_HINT } from '../steps/investigation-result/investigation-result.step';
import type { PersonRole } from '../domain/persons';
import {
  DOCUMENT_AFTER_STEPS,
  DOCUMENT_DUE_AT_CLOSING,
  DOCUMENT_TYPES,
  type DocumentType,
  concerningChoices,
  documentAvailability,
  letterChoices,
  lettersDue,
} from '../steps/document/document.step';

/** What the form shows of a field: its kind, Swedish label and hint, its options, and when it is shown. */
export interface StepFieldView {
  name: string;
  kind: 'date' | 'amount' | 'select' | 'flag' | 'text' | 'textarea' | 'payments';
  label: string;
  required: boolean;
  hint?: string;
  options?: Array<{ id: string; label: string }>;
  initial?: string;
  /** What the form proposes for each value of another field: filled in again when that field changes. */
  initialBy?: { field: string; values: Record<string, string> };
  showIf?: { field: string; values: string[] };
  /** For payments: whether each row asks for the grant date. */
  grantedOn?: boolean;
  /** For payments with the grant date: its hint, worded from the rule the service applies. */
  grantedOnHint?: string;
  /** For payments: whether each row is a month of the investigation's calculation (paid, should have been paid, why). */
  calculation?: boolean;
  /** For text: the longest text taken. */
  maxLength?: number;
}

/** A step as the case page offers it: available now with its form, or not, and why (in Swedish). */
export interface StepView {
  id: string;
  title: string;
  /** Where the page offers it. */
  group: StepGroup;
  submit: string;
  available: boolean;
  unavailable?: { code: string; message: string };
  /** A step that cannot be undone: what it does, in Swedish (the form asks to confirm it). */
  irreversible?: string;
  fields: StepFieldView[];
}

export interface OfferContext {
  today: LocalDate;
  principal?: Principal;
  districts: readonly District[];
  /** Who may be given cases in the case's district (known staff), for a unit head's assignment. */
  staff: string[];
  /** What the service's own reminders are set by (the default when left out). */
  reminderSettings?: ReminderSettings;
}

const options = (labels: Readonly<Record<string, string>>) =>
  Object.entries(labels).map(([id, label]) => ({ id, label }));

const kr = (ore: number): string => (ore / 100).toFixed(2).replace('.', ',');

/** A field as the form asks for it; undefined when the form does not ask for it here. */
function fieldView(
  name: string,
  f: RequestField<unknown>,
  c: OpenCase,
  context: OfferContext,
  request: Readonly<Record<string, RequestField<unknown>>>,
): StepFieldView | undefined {
  const principal = context.principal;
  const form = {
    c,
    today: context.today,
    ...(principal ? { caller: { user: principal.user, role: principal.role } } : {}),
  };
  if (f.hidden || (f.offeredIf && !f.offeredIf(form))) return undefined;
  const common = {
    name,
    label: f.label,
    required: !f.optional || Boolean(f.requiredWhenShown),
    ...(f.hint ? { hint: f.hint } : {}),
    ...(f.initial ? { initial: f.initial(form) } : {}),
    ...(f.initialBy ? { initialBy: initialBy(f.initialBy, form, request) } : {}),
    ...(f.showIf ? { showIf: { field: f.showIf.field, values: [...f.showIf.values] } } : {}),
  };
  switch (f.kind) {
    case 'date':
      return { ...common, kind: 'date' };
    case 'amount':
      return { ...common, kind: 'amount' };
    case 'text':
      return { ...common, kind: f.multiline ? 'textarea' : 'text', maxLength: f.max };
    case 'choice':
      // A choice that may be left out can be unmade: a select cannot be emptied once chosen.
      return {
        ...common,
        kind: 'select',
        options: [...(common.required || f.initial ? [] : [{ id: '', label: 'Inget valt' }]), ...options(f.labels)],
      };
    case 'flag':
      return {
        ...common,
        kind: 'flag',
        options: [
          { id: 'true', label: f.yes },
          { id: 'false', label: f.no },
        ],
      };
    case 'claim':
      return {
        ...common,
        kind: 'select',
        required: true,
        options: c.claims.map((x) => ({
          id: x.claimId,
          label: `Återkrav ${x.claimId}: ${x.legalBasis}, ${kr(x.amountOre)} kr`,
        })),
      };
    case 'report':
      return {
        ...common,
        kind: 'select',
        required: true,
        options: c.policeReports.map((r) => ({
          id: r.reportId,
          label: `Polisanmälan ${r.reportId}: ${r.filedOn}, ${POLICE_REPORT_RECIPIENTS[r.recipient] ?? r.recipient}`,
        })),
      };
    case 'reminder': {
      // The reminders that show today, named as the case page's table names them (reminderNames); no text
      // of the investigator's (personal data) in the options.
      const shown = remindersOn(c, context.today, context.reminderSettings ?? DEFAULT_REMINDER_SETTINGS);
      const names = reminderNames(shown);
      return {
        ...common,
        kind: 'select',
        options: shown
          .filter((r) => !f.own || r.kind === 'user')
          .map((r) => ({
            id: r.reminderId,
            // The service's are told apart by their day too (two of a kind may show at once).
            label: r.kind === 'user' ? names.get(r.reminderId)! : `${names.get(r.reminderId)!}, ${r.dueOn}`,
          })),
      };
    }
    case 'district':
      return {
        ...common,
        kind: 'select',
        options: context.districts
          .filter((d) => d.code !== c.district && isDistrictValidOn(d, context.today))
          .map((d) => ({ id: d.code, label: d.name })),
      };
    case 'user':
      // A pick-list of the district's known staff; a free field when none are known.
      return context.staff.length > 0
        ? {
            ...common,
            kind: 'select',
            options: context.staff.map((user) => ({ id: user, label: user })),
            initial: common.initial && context.staff.includes(common.initial) ? common.initial : '',
          }
        : { ...common, kind: 'text', label: `${f.label} (användar-id)` };
    case 'payments':
      return {
        ...common,
        kind: 'payments',
        grantedOn: f.grantedOn,
        calculation: f.calculation ?? false,
        ...(f.grantedOn ? { grantedOnHint: GRANTED_ON_HINT } : {}),
      };
    case 'positions':
      return undefined;
  }
}

/** The proposals for each value of the choice another field depends on. */
function initialBy(
  by: NonNullable<RequestField<unknown>['initialBy']>,
  form: FormContext,
  request: Readonly<Record<string, RequestField<unknown>>>,
): { field: string; values: Record<string, string> } {
  const choice = request[by.field];
  const values = choice?.kind === 'choice' ? Object.keys(choice.labels) : [];
  return { field: by.field, values: Object.fromEntries(values.map((v) => [v, by.initial(form, v)])) };
}

const refusalOf = (error: CaseError): { code: string; message: string } => ({
  code: error.code,
  message: (PROBLEM as Record<string, string>)[error.code as ProblemCode] ?? error.message,
});

/**
 * The steps of a case, as the decider sees it now: those it allows (each with
 * its form) and those it does not, each with the refusal the decider would
 * give. The page renders from this; it holds no copy of the rules.
 */
export function stepsOffered(c: OpenCase, context: OfferContext): StepView[] {
  const role = context.principal?.role;
  return ROUTED_STEPS.filter((s) => s.actors === 'case-handlers' || role === undefined || role === 'unit-head').map(
    (step: RoutedStep) => {
      const refusal = c.culledOn
        ? ({ code: 'case-culled', message: PROBLEM['case-culled'] } as const)
        : (() => {
            const error = step.requires(c);
            return error ? refusalOf(error) : undefined;
          })();
      return {
        id: step.id,
        title: step.http.title,
        group: STEP_GROUP[step.id as keyof typeof STEP_GROUP],
        submit: step.http.submit,
        available: !refusal,
        ...(refusal ? { unavailable: refusal } : {}),
        ...(step.http.irreversible ? { irreversible: step.http.irreversible } : {}),
        fields: refusal
          ? []
          : Object.entries(step.http.request).flatMap(
              ([name, f]) => fieldView(name, f, c, context, step.http.request) ?? [],
            ),
      };
    },
  );
}

/** One letter a document type can be issued as: what it concerns and whom it is addressed to. */
export interface LetterChoiceView {
  concerning: string;
  person: PersonRole;
  /** In Swedish, for the form: "Återkrav 1 (beslut 2018-04-20)". */
  label: string;
}

/** A document the case page offers to issue: whether the case holds what it is made from, and what it can concern. */
export interface DocumentOfferView {
  documentType: DocumentType;
  label: string;
  available: boolean;
  unavailable?: { code: string; message: string };
  /** What it can concern (claim, kommunicering and police report ids, numbers of waivers or notifications), the latest last. */
  concerning: string[];
  /** Each letter it can be issued as (a claim against two persons: one to each), the latest last. */
  choices: LetterChoiceView[];
  /** The letters still due: decisions and acts the case holds with no document of the type issued since. */
  due: LetterChoiceView[];
  /** The steps after which the page offers it at once (a closing too, where a letter is still due: `offerAfter`). */
  afterSteps: string[];
  /**
   * Right after each of these steps, the letter to offer: what the step just
   * recorded (the latest), and after a closing a decision letter still due.
   */
  offerAfter: Array<{ step: string; concerning: string; person: PersonRole }>;
}

const choiceView = (x: { id: string; person: PersonRole; label: string }): LetterChoiceView => ({
  concerning: x.id,
  person: x.person,
  label: x.label,
});

/** Every document type, and whether the case can have it issued now (the same rule the issuing checks). */
export function documentsOffered(c: OpenCase): DocumentOfferView[] {
  return (Object.keys(DOCUMENT_TYPES) as DocumentType[]).map((type) => {
    const refusal = c.culledOn || c.voided ? null : documentAvailability(type, c);
    const unavailable = c.culledOn
      ? ({ code: 'case-culled', message: PROBLEM['case-culled'] } as const)
      : c.voided
        ? ({ code: 'case-voided', message: PROBLEM['case-voided'] } as const)
        : refusal
          ? refusalOf(refusal)
          : undefined;
    const choices = unavailable ? [] : letterChoices(type, c).map(choiceView);
    const due = unavailable ? [] : lettersDue(type, c).map(choiceView);
    const latest = concerningChoices(type, c).at(-1);
    // What a step just recorded is the latest of its kind: its letters (one to each person a claim is against).
    const afterStep = unavailable
      ? []
      : DOCUMENT_AFTER_STEPS[type].flatMap((step) =>
          choices
            .filter((x) => x.concerning === latest)
            .map((x) => ({ step, concerning: x.concerning, person: x.person })),
        );
    // A closing: every decision letter still due, the last chance before the case rests.
    const atClosing = DOCUMENT_DUE_AT_CLOSING.includes(type)
      ? due.map((x) => ({ step: 'closure', concerning: x.concerning, person: x.person }))
      : [];
    return {
      documentType: type,
      label: DOCUMENT_TYPES[type],
      available: !unavailable,
      ...(unavailable ? { unavailable } : {}),
      concerning: unavailable ? [] : concerningChoices(type, c),
      choices,
      due,
      afterSteps: [...DOCUMENT_AFTER_STEPS[type]],
      offerAfter: [...afterStep, ...atClosing],
    };
  });
}
