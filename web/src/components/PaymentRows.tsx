import { useContext } from 'react';
import { Button } from 'react-aria-components';
import { type ArrayPath, type Control, type FieldPath, type FieldValues, useFieldArray } from 'react-hook-form';
import { AMOUNT_RULE, DATE_MISSING, DATE_RULE } from '../form-errors';
import { MarkOptional, TextInput } from './fields';

/** The label of a payment row's field (`paidOn`, `amount`, `grantedOn`), row 0 being "1". */
export function paymentFieldLabel(part: string, row: number): string {
  const n = row + 1;
  return part === 'paidOn' ? `Utbetald ${n}` : part === 'amount' ? `Belopp ${n} (kr)` : `Beviljad ${n}`;
}

/** A row's other field, read from the form's values by the field's own path (…rows.3.paidOn → …rows.3.amount). */
const sibling = (values: unknown, path: string, part: string): unknown => {
  const parts = path.split('.');
  parts[parts.length - 1] = part;
  return parts.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], values);
};
const filled = (v: unknown): boolean => typeof v === 'string' && v.trim() !== '';

/**
 * Payments as rows of a form (paid on, amount, and where the law matters the
 * day it was granted), added and removed by buttons. Field names follow the
 * API's body paths, so the API's errors land on the right row. A row with one
 * of its two values needs the other; an empty row is left out.
 */
export function PaymentRows<T extends FieldValues>(props: {
  control: Control<T>;
  name: ArrayPath<T>;
  legend: string;
  withGrantedOn?: boolean;
  /** The grant date's hint, as the service words it from its rule. */
  grantedOnHint?: string;
  /** The list may be left empty (said "(frivilligt)" in a form that marks optional fields). */
  optional?: boolean;
}) {
  const { control, name, legend, withGrantedOn, grantedOnHint, optional } = props;
  const markOptional = useContext(MarkOptional);
  const rows = useFieldArray({ control, name });
  const path = (i: number, field: string): FieldPath<T> => `${name}.${i}.${field}` as FieldPath<T>;
  const empty = { paidOn: '', amount: '', ...(withGrantedOn ? { grantedOn: '' } : {}) };
  return (
    <fieldset>
      <legend>
        {legend}
        {markOptional && optional && <span className="optional"> (frivilligt)</span>}
      </legend>
      {/* A row's fields are needed together or not at all: none of them is marked on its own. */}
      <MarkOptional.Provider value={false}>
        <div className="rows">
          {rows.fields.map((row, i) => (
            <div className="row" key={row.id} role="group" aria-label={`Utbetalning ${i + 1}`}>
              <TextInput
                control={control}
                name={path(i, 'paidOn')}
                label={paymentFieldLabel('paidOn', i)}
                description="ÅÅÅÅ-MM-DD"
                rules={{
                  validate: (v: unknown, all: T) =>
                    !filled(v) && filled(sibling(all, path(i, 'paidOn'), 'amount'))
                      ? DATE_MISSING
                      : DATE_RULE.validate(v),
                }}
              />
              <TextInput
                control={control}
                name={path(i, 'amount')}
                label={paymentFieldLabel('amount', i)}
                description="Till exempel 4 500,00"
                inputMode="decimal"
                rules={{
                  validate: (v: unknown, all: T) =>
                    !filled(v) && filled(sibling(all, path(i, 'amount'), 'paidOn'))
                      ? 'Fyll i beloppet.'
                      : AMOUNT_RULE.validate(v),
                }}
              />
              {withGrantedOn && (
                <TextInput
                  control={control}
                  name={path(i, 'grantedOn')}
                  label={paymentFieldLabel('grantedOn', i)}
                  description={grantedOnHint ?? 'ÅÅÅÅ-MM-DD'}
                  rules={DATE_RULE}
                />
              )}
              <Button className="button-link" onPress={() => rows.remove(i)}>
                Ta bort utbetalning {i + 1}
              </Button>
            </div>
          ))}
        </div>
      </MarkOptional.Provider>
      <Button className="button-outline" onPress={() => rows.append(empty as never)}>
        Lägg till utbetalning
      </Button>
    </fieldset>
  );
}
