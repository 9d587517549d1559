import { Button } from 'react-aria-components';
import {
  type ArrayPath,
  type Control,
  type FieldPath,
  type FieldValues,
  useFieldArray,
  useWatch,
} from 'react-hook-form';
import { formatKronor } from '../api/sv';
import { DATE_RULE, parseKronor } from '../form-errors';
import { TextInput, MarkOptional } from './fields';

/** A month of the investigation's calculation as the form holds it (text, as typed). */
export interface CalculationRow {
  month: string;
  paidOn: string;
  grantedOn: string;
  paidAmount: string;
  correctAmount: string;
  /** The incorrect amount alone, for a payment without a calculation. */
  amount: string;
  reason: string;
}

export const EMPTY_CALCULATION_ROW: CalculationRow = {
  month: '',
  paidOn: '',
  grantedOn: '',
  paidAmount: '',
  correctAmount: '',
  amount: '',
  reason: '',
};

const MONTH_RULE = {
  pattern: { value: /^\d{4}-(0[1-9]|1[0-2])$/, message: 'Skriv månaden som ÅÅÅÅ-MM, till exempel 2018-01.' },
};
const AMOUNT_OR_ZERO = {
  validate: (v: unknown) =>
    typeof v !== 'string' || v === '' || parseKronor(v) !== undefined || 'Skriv ett belopp, till exempel 4 500,00.',
};

/** What was paid less what should have been: the incorrect amount; undefined until both are amounts. */
export function difference(row: CalculationRow): number | undefined {
  const paid = parseKronor(row.paidAmount);
  const correct = parseKronor(row.correctAmount);
  return paid === undefined || correct === undefined ? undefined : Math.round((paid - correct) * 100) / 100;
}

/** The incorrect amount of a row: the calculation's difference, or the amount given alone. */
export const incorrectOf = (row: CalculationRow): number | undefined => difference(row) ?? parseKronor(row.amount);

/**
 * The investigation's calculation as rows, one a month of assistance: the
 * month, the day it was paid (and granted, which decides the law), what was
 * paid and what should have been; the incorrect amount is their difference,
 * shown as it is typed, with the sums under the rows. A payment without a
 * calculation takes its incorrect amount alone. Field names follow the API's
 * body paths, so its errors land on the right row.
 */
export function CalculationRows<T extends FieldValues>(props: {
  control: Control<T>;
  name: ArrayPath<T>;
  legend: string;
  /** The grant date's hint, worded by the service from the rule it applies (issue 22, defect 2). */
  grantedOnHint?: string;
}) {
  const { control, name, legend, grantedOnHint } = props;
  const rows = useFieldArray({ control, name });
  const values = (useWatch({ control, name: name as unknown as FieldPath<T> }) ?? []) as unknown as CalculationRow[];
  const path = (i: number, field: keyof CalculationRow): FieldPath<T> => `${name}.${i}.${field}` as FieldPath<T>;
  const sum = (of: (r: CalculationRow) => number | undefined): number =>
    Math.round(values.reduce((s, r) => s + (of(r) ?? 0), 0) * 100) / 100;
  return (
    <fieldset className="calculation">
      <legend>{legend}</legend>
      {/* A row's fields are needed together or not at all (as the payment rows): none is marked "(frivilligt)". */}
      <MarkOptional.Provider value={false}>
        <p className="help">
          En rad per månad: vad som betalades ut och vad som skulle ha betalats. Skillnaden är det felaktiga beloppet.
          Utan beräkning kan det felaktiga beloppet skrivas direkt.
        </p>
        <div className="rows">
          {rows.fields.map((row, i) => {
            const value = values[i] ?? EMPTY_CALCULATION_ROW;
            const diff = difference(value);
            return (
              <div className="row calculation-row" key={row.id} role="group" aria-label={`Beräkning, rad ${i + 1}`}>
                <TextInput
                  control={control}
                  name={path(i, 'month')}
                  label={`Månad ${i + 1}`}
                  description="ÅÅÅÅ-MM"
                  rules={MONTH_RULE}
                />
                <TextInput
                  control={control}
                  name={path(i, 'paidOn')}
                  label={`Utbetald ${i + 1}`}
                  description="ÅÅÅÅ-MM-DD"
                  rules={DATE_RULE}
                />
                <TextInput
                  control={control}
                  name={path(i, 'grantedOn')}
                  label={`Beviljad ${i + 1}`}
                  description={grantedOnHint ?? 'Avgör vilken lag som gäller.'}
                  rules={DATE_RULE}
                />
                <TextInput
                  control={control}
                  name={path(i, 'paidAmount')}
                  label={`Utbetalt ${i + 1} (kr)`}
                  inputMode="decimal"
                  rules={AMOUNT_OR_ZERO}
                />
                <TextInput
                  control={control}
                  name={path(i, 'correctAmount')}
                  label={`Skulle ha betalats ${i + 1} (kr)`}
                  inputMode="decimal"
                  rules={AMOUNT_OR_ZERO}
                />
                {value.paidAmount || value.correctAmount ? (
                  <div className="field computed">
                    <span className="label" id={`felaktigt-${row.id}`}>
                      Felaktigt utbetalt {i + 1}
                    </span>
                    <output
                      aria-labelledby={`felaktigt-${row.id}`}
                      className={diff !== undefined && diff <= 0 ? 'field-error' : undefined}
                    >
                      {diff === undefined ? '–' : formatKronor(diff)}
                    </output>
                    {diff !== undefined && diff <= 0 && (
                      <span className="field-error">
                        Det som skulle ha betalats måste vara mindre än det som betalades ut.
                      </span>
                    )}
                  </div>
                ) : (
                  <TextInput
                    control={control}
                    name={path(i, 'amount')}
                    label={`Belopp ${i + 1} (kr)`}
                    description="Felaktigt belopp, utan beräkning"
                    inputMode="decimal"
                    rules={AMOUNT_OR_ZERO}
                  />
                )}
                <TextInput
                  control={control}
                  name={path(i, 'reason')}
                  label={`Skäl ${i + 1}`}
                  description="Varför beloppet blev fel"
                />
                <Button className="button-link" onPress={() => rows.remove(i)}>
                  Ta bort månad {i + 1}
                </Button>
              </div>
            );
          })}
        </div>
        <Button className="button-outline" onPress={() => rows.append({ ...EMPTY_CALCULATION_ROW } as never)}>
          Lägg till månad
        </Button>
        <table className="amounts calculation-sums">
          <caption>Summa för alla månader</caption>
          <tbody>
            <tr>
              <th scope="row">Utbetalt</th>
              <td className="num">{formatKronor(sum((r) => parseKronor(r.paidAmount)))}</td>
            </tr>
            <tr>
              <th scope="row">Skulle ha betalats</th>
              <td className="num">{formatKronor(sum((r) => parseKronor(r.correctAmount)))}</td>
            </tr>
            <tr>
              <th scope="row">Felaktigt utbetalt</th>
              <td className="num">
                <strong>{formatKronor(sum(incorrectOf))}</strong>
              </td>
            </tr>
          </tbody>
        </table>
      </MarkOptional.Provider>
    </fieldset>
  );
}
