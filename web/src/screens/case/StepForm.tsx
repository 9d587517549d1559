import { useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { useForm, type Control } from 'react-hook-form';
import { api, ApiError, ok, type Schemas } from '../../api/client';
import { FormMessage, SelectInput, TextInput } from '../../components/fields';
import { PaymentRows } from '../../components/PaymentRows';
import { CalculationRows, EMPTY_CALCULATION_ROW, type CalculationRow } from '../../components/CalculationRows';
import { AMOUNT_RULE, DATE_RULE, newIdempotencyKey, parseKronor, showApiError } from '../../form-errors';
import { today } from '../../hooks';

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
}

const kr = (n: number): string => n.toFixed(2).replace('.', ',');

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

/** One step of the case as its own form, sent with If-Match so a stale page never overwrites a newer case. */
export function StepForm(props: {
  step: Step;
  caseView: CaseView;
  onDone: () => void;
  onStale: (stale: StaleChange) => void;
}) {
  const { step, caseView, onDone, onStale } = props;
  const form = useForm<Values>({ defaultValues: initialValues(step, caseView) });
  const [key, setKey] = useState(newIdempotencyKey);
  const [message, setMessage] = useState<string>();
  const values = form.watch();
  const fieldNames = step.fields.flatMap((f) =>
    f.kind === 'payments'
      ? Array.from({ length: 120 }, (_, i) =>
          ['paidOn', 'amount', 'grantedOn', 'month', 'paidAmount', 'correctAmount', 'reason'].map(
            (part) => `${f.name}.${i}.${part}`,
          ),
        ).flat()
      : [f.name],
  );

  const onSubmit = form.handleSubmit(async (v) => {
    setMessage(undefined);
    try {
      // Every step through the one path the server offers them by; the server validates the body as the step's own.
      await ok(
        api.POST('/api/cases/{id}/steps/{step}', {
          params: { path: { id: caseView.id, step: step.id } },
          body: bodyOf(step, v),
          headers: { 'If-Match': `"${caseView.version}"`, 'Idempotency-Key': key },
        }),
      );
      setKey(newIdempotencyKey());
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'stale-version') {
        onStale({ seenVersion: caseView.version, currentVersion: e.problem.currentVersion ?? caseView.version + 1 });
        return;
      }
      setMessage(showApiError(e, form.setError, fieldNames));
    }
  });

  const headingId = `steg-${step.id}`;
  return (
    <section className="step-form" aria-labelledby={headingId}>
      <h3 id={headingId}>{step.title}</h3>
      <Form onSubmit={(e) => void onSubmit(e)} validationBehavior="aria" aria-labelledby={headingId}>
        <FormMessage>{message}</FormMessage>
        {step.fields
          .filter((f) => visible(f, values))
          .map((f) => (
            <StepInput key={f.name} field={f} control={form.control} />
          ))}
        <Button type="submit" isDisabled={form.formState.isSubmitting}>
          {step.submit}
        </Button>
      </Form>
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
        <CalculationRows control={control} name={f.name} legend={f.label} />
      ) : (
        <PaymentRows control={control} name={f.name} legend={f.label} withGrantedOn={f.grantedOn ?? false} />
      );
    case 'date':
      return <TextInput {...common} rules={DATE_RULE} />;
    case 'amount':
      return <TextInput {...common} inputMode="decimal" rules={AMOUNT_RULE} />;
    default:
      return <TextInput {...common} multiline={f.kind === 'textarea'} />;
  }
}
