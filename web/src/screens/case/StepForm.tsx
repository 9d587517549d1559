import { useEffect, useRef, useState } from 'react';
import { Button, Dialog, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useForm, type Control, type FieldPath } from 'react-hook-form';
import { api, ApiError, ok, type Schemas } from '../../api/client';
import { ErrorSummary, summaryOf } from '../../components/ErrorSummary';
import { MarkOptional, SelectInput, TextInput } from '../../components/fields';
import { PaymentRows, paymentFieldLabel } from '../../components/PaymentRows';
import { AMOUNT_RULE, DATE_MISSING, DATE_RULE, apiErrorsOf, newIdempotencyKey, parseKronor } from '../../form-errors';
import { CalculationRows, EMPTY_CALCULATION_ROW, type CalculationRow } from '../../components/CalculationRows';
import { today } from '../../hooks';
import { draftOf, forgetDraft, keepDraft } from './drafts';

export type CaseView = Schemas['CaseViewDto'];
/** A step the case allows now, as the server offers it: its id, Swedish title and button, and its form's fields. */
export type Step = Schemas['StepViewDto'];
type StepField = Schemas['StepFieldDto'];

type Values = Record<string, string | PaymentRow[] | CalculationRow[]>;
interface PaymentRow {
  paidOn: string;
  amount: string;
  grantedOn: string;
}

/** What the page needs to know when a step is refused because someone else changed the case first. */
export interface StaleChange {
  seenVersion: number;
  currentVersion: number;
  /** The step that was refused. */
  step?: string;
}

const kr = (n: number): string => n.toFixed(2).replace('.', ',');
const ROWS = 120;

function initialValues(step: Step, c: CaseView): Values {
  const values: Values = {};
  for (const f of step.fields) {
    if (f.kind === 'payments' && f.calculation)
      // The suspected payments start the calculation: their day and amount, the month and amounts to fill in.
      values[f.name] = (c.suspectedPayments.length > 0 ? c.suspectedPayments : [{ paidOn: '', amount: 0 }]).map(
        (p) => ({ ...EMPTY_CALCULATION_ROW, paidOn: p.paidOn, amount: p.amount > 0 ? kr(p.amount) : '' }),
      );
    else if (f.kind === 'payments')
      values[f.name] = (c.suspectedPayments.length > 0 ? c.suspectedPayments : [{ paidOn: '', amount: 0 }]).map(
        (p) => ({ paidOn: p.paidOn, amount: p.amount > 0 ? kr(p.amount) : '', grantedOn: '' }),
      );
    else values[f.name] = f.initial ?? (f.kind === 'date' ? today() : '');
  }
  return values;
}

/** The body the API expects: amounts as numbers, flags as true or false, empty optional fields left out. */
function bodyOf(step: Step, values: Values): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of step.fields) {
    if (!visible(f, values)) continue;
    const v = values[f.name];
    if (f.kind === 'payments' && f.calculation) {
      body[f.name] = (v as CalculationRow[])
        .filter((p) => p.paidOn || p.amount || p.paidAmount || p.correctAmount || p.month)
        .map((p) => {
          const calculated = p.paidAmount !== '' || p.correctAmount !== '';
          return {
            paidOn: p.paidOn,
            ...(p.grantedOn ? { grantedOn: p.grantedOn } : {}),
            ...(calculated
              ? {
                  month: p.month,
                  paidAmount: parseKronor(p.paidAmount) ?? -1,
                  correctAmount: parseKronor(p.correctAmount) ?? -1,
                }
              : { amount: parseKronor(p.amount) ?? -1, ...(p.month ? { month: p.month } : {}) }),
            ...(p.reason.trim() ? { reason: p.reason.trim() } : {}),
          };
        });
    } else if (f.kind === 'payments') {
      body[f.name] = (v as PaymentRow[])
        .filter((p) => p.paidOn || p.amount)
        .map((p) => ({
          paidOn: p.paidOn,
          amount: parseKronor(p.amount) ?? -1,
          ...(p.grantedOn ? { grantedOn: p.grantedOn } : {}),
        }));
    } else if (typeof v === 'string' && v.trim() !== '') {
      body[f.name] = f.kind === 'amount' ? (parseKronor(v) ?? -1) : f.kind === 'flag' ? v === 'true' : v.trim();
    }
  }
  return body;
}

function visible(f: StepField, values: Values): boolean {
  return !f.showIf || f.showIf.values.includes(values[f.showIf.field] as string);
}

/** The form's fields in the order they are shown (each payment row's three), for the error summary. */
function fieldOrder(step: Step): string[] {
  return step.fields.flatMap((f) =>
    f.kind === 'payments'
      ? Array.from({ length: ROWS }, (_, i) =>
          ['paidOn', 'amount', 'grantedOn', 'month', 'paidAmount', 'correctAmount', 'reason'].map(
            (part) => `${f.name}.${i}.${part}`,
          ),
        ).flat()
      : [f.name],
  );
}

/** A field's label as its form shows it, by the field's name (a payment row's by its row). */
function labelIn(step: Step, field: string): string | undefined {
  const [name, row, part] = field.split('.');
  const f = step.fields.find((x) => x.name === name);
  if (!f) return undefined;
  return f.kind === 'payments' && row !== undefined && part ? paymentFieldLabel(part, Number(row)) : f.label;
}

/**
 * One step of the case as its own form, sent with If-Match so a stale page never overwrites a newer case.
 * What the person types outlives a new version of the page (see drafts.ts); a step that cannot be
 * undone asks first.
 */
export function StepForm(props: {
  step: Step;
  caseView: CaseView;
  onDone: () => void;
  onStale: (stale: StaleChange) => void;
  /** Told when the form is sent, before any answer: the page clears what it said of the step before. */
  onSubmitStart?: () => void;
  /** The form was refused as stale and is shown again with what was typed: focus goes back to it. */
  resume?: boolean;
}) {
  const { step, caseView, onDone, onStale, onSubmitStart, resume } = props;
  const form = useForm<Values>({
    defaultValues: { ...initialValues(step, caseView), ...(draftOf(caseView.id, step.id) as Values | undefined) },
    // Focus goes to the error summary, which links to each field.
    shouldFocusError: false,
  });
  const [key, setKey] = useState(newIdempotencyKey);
  const [messages, setMessages] = useState<string[]>([]);
  const [failures, setFailures] = useState(0);
  const [confirming, setConfirming] = useState<Values>();
  const values = form.watch();
  const fieldNames = fieldOrder(step);

  // What the person changes is kept beside the form, so a new version of the page keeps it.
  useEffect(() => {
    const watching = form.watch((all, { name }) => {
      if (!name) return;
      const top = name.split('.')[0];
      keepDraft(caseView.id, step.id, { [top]: JSON.parse(JSON.stringify(all[top] ?? '')) as unknown });
    });
    return () => watching.unsubscribe();
  }, [form, caseView.id, step.id]);

  // A field the server proposes by another field's value (the claim's amount by its law) follows that value,
  // unless the person has written a value of their own.
  const proposed = useRef<Record<string, string>>({});
  const choices = step.fields.map((f) => (f.initialBy ? String(values[f.initialBy.field] ?? '') : '')).join('|');
  useEffect(() => {
    for (const f of step.fields) {
      if (!f.initialBy) continue;
      const value = f.initialBy.values[String(form.getValues(f.initialBy.field) ?? '')];
      if (value === undefined) continue;
      const current = String(form.getValues(f.name) ?? '');
      const before = proposed.current[f.name] ?? f.initial ?? '';
      if (current === before || current === '') form.setValue(f.name, value, { shouldValidate: false });
      proposed.current[f.name] = value;
    }
  }, [choices, form, step.fields]);

  // One request at a time: the button stays focusable while it is sent (a disabled one would drop focus).
  const sending = useRef(false);
  const send = async (v: Values): Promise<void> => {
    setMessages([]);
    sending.current = true;
    try {
      // Every step through the one path the server offers them by; the server validates the body as the step's own.
      await ok(
        api.POST('/api/cases/{id}/steps/{step}', {
          params: { path: { id: caseView.id, step: step.id } },
          body: bodyOf(step, v),
          headers: { 'If-Match': `"${caseView.version}"`, 'Idempotency-Key': key },
        }),
      );
      forgetDraft(caseView.id, step.id);
      setKey(newIdempotencyKey());
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'stale-version') {
        onStale({
          seenVersion: caseView.version,
          currentVersion: e.problem.currentVersion ?? caseView.version + 1,
          step: step.id,
        });
        return;
      }
      const { fields, rest } = apiErrorsOf(e, fieldNames);
      for (const f of fields) form.setError(f.field as FieldPath<Values>, { type: 'api', message: f.message });
      setMessages(rest);
      setFailures((n) => n + 1);
    } finally {
      sending.current = false;
    }
  };

  const onSubmit = form.handleSubmit(
    async (v) => {
      if (step.irreversible) setConfirming(v);
      else await send(v);
    },
    () => {
      setMessages([]);
      setFailures((n) => n + 1);
    },
  );

  // Shown again after a stale refusal: focus (and the view) back on the form, which says what to do.
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!resume || !section.current) return;
    section.current.scrollIntoView({ block: 'start' });
    section.current.querySelector<HTMLElement>('[data-resume]')?.focus({ preventScroll: true });
  }, [resume]);

  const headingId = `steg-${step.id}`;
  const errors = summaryOf(form.formState.errors, (f) => labelIn(step, f), fieldNames, messages);
  return (
    <section className="step-form" aria-labelledby={headingId} ref={section}>
      <h3 id={headingId} tabIndex={-1}>
        {step.title}
      </h3>
      {resume && (
        <p className="message message-warning" role="status" tabIndex={-1} data-resume>
          Det du skrev finns kvar. Kontrollera det mot ärendet som det är nu och skicka igen.
        </p>
      )}
      <MarkOptional.Provider value>
        <Form
          onSubmit={(e) => {
            if (sending.current) {
              e.preventDefault();
              return;
            }
            onSubmitStart?.();
            void onSubmit(e);
          }}
          validationBehavior="aria"
          aria-labelledby={headingId}
        >
          <ErrorSummary errors={errors} focusKey={failures} />
          {step.fields
            .filter((f) => visible(f, values))
            .map((f) => (
              <StepInput key={f.name} field={f} control={form.control} />
            ))}
          <Button type="submit" className={step.irreversible ? 'button-danger' : undefined}>
            {step.irreversible ? `${step.submit}…` : step.submit}
          </Button>
        </Form>
      </MarkOptional.Provider>
      {step.irreversible && (
        <ModalOverlay
          className="modal-overlay"
          isOpen={confirming !== undefined}
          onOpenChange={(open) => !open && setConfirming(undefined)}
          isDismissable
        >
          <Modal className="modal">
            <Dialog role="alertdialog" className="dialog">
              {({ close }) => (
                <>
                  <Heading slot="title" level={2}>
                    {step.title}?
                  </Heading>
                  <p>{step.irreversible}</p>
                  <div className="dialog-buttons">
                    <Button className="button-outline" onPress={close} autoFocus>
                      Avbryt
                    </Button>
                    <Button
                      className="button-danger"
                      onPress={() => {
                        const v = confirming;
                        close();
                        if (v) void send(v);
                      }}
                    >
                      {step.submit}
                    </Button>
                  </div>
                </>
              )}
            </Dialog>
          </Modal>
        </ModalOverlay>
      )}
    </section>
  );
}

function StepInput({ field: f, control }: { field: StepField; control: Control<Values> }) {
  const common = { control, name: f.name, label: f.label, description: f.hint, isRequired: f.required };
  switch (f.kind) {
    case 'select':
    case 'flag':
      return <SelectInput {...common} options={f.options ?? []} />;
    case 'payments':
      return f.calculation ? (
        <CalculationRows control={control} name={f.name} legend={f.label} grantedOnHint={f.grantedOnHint} />
      ) : (
        <PaymentRows
          control={control}
          name={f.name}
          legend={f.label}
          withGrantedOn={f.grantedOn ?? false}
          grantedOnHint={f.grantedOnHint}
          optional={!f.required}
        />
      );
    case 'date':
      return <TextInput {...common} rules={DATE_RULE} requiredMessage={DATE_MISSING} />;
    case 'amount':
      return <TextInput {...common} inputMode="decimal" rules={AMOUNT_RULE} />;
    default:
      return <TextInput {...common} multiline={f.kind === 'textarea'} />;
  }
}
