import { Button } from 'react-aria-components';
import { type ArrayPath, type Control, type FieldPath, type FieldValues, useFieldArray } from 'react-hook-form';
import { AMOUNT_RULE, DATE_RULE } from '../form-errors';
import { TextInput } from './fields';

/**
 * Payments as rows of a form (paid on, amount, and where the law matters the
 * day it was granted), added and removed by buttons. Field names follow the
 * API's body paths, so the API's errors land on the right row.
 */
export function PaymentRows<T extends FieldValues>(props: {
  control: Control<T>;
  name: ArrayPath<T>;
  legend: string;
  withGrantedOn?: boolean;
}) {
  const { control, name, legend, withGrantedOn } = props;
  const rows = useFieldArray({ control, name });
  const path = (i: number, field: string): FieldPath<T> => `${name}.${i}.${field}` as FieldPath<T>;
  const empty = { paidOn: '', amount: '', ...(withGrantedOn ? { grantedOn: '' } : {}) };
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div className="rows">
        {rows.fields.map((row, i) => (
          <div className="row" key={row.id} role="group" aria-label={`Utbetalning ${i + 1}`}>
            <TextInput
              control={control}
              name={path(i, 'paidOn')}
              label={`Utbetald ${i + 1}`}
              description="ÅÅÅÅ-MM-DD"
              rules={DATE_RULE}
            />
            <TextInput
              control={control}
              name={path(i, 'amount')}
              label={`Belopp ${i + 1} (kr)`}
              description="Till exempel 4 500,00"
              inputMode="decimal"
              rules={AMOUNT_RULE}
            />
            {withGrantedOn && (
              <TextInput
                control={control}
                name={path(i, 'grantedOn')}
                label={`Beviljad ${i + 1}`}
                description="Avgör vilken lag som gäller; tomt: samma som utbetald"
                rules={DATE_RULE}
              />
            )}
            <Button className="button-link" onPress={() => rows.remove(i)}>
              Ta bort utbetalning {i + 1}
            </Button>
          </div>
        ))}
      </div>
      <Button className="button-outline" onPress={() => rows.append(empty as never)}>
        Lägg till utbetalning
      </Button>
    </fieldset>
  );
}
