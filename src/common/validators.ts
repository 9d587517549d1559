import { Transform } from 'class-transformer';
import { ValidateBy, type ValidationOptions, buildMessage } from 'class-validator';
import { isLocalDate } from '../calendar/local-date';
import { hasAtMostTwoDecimals } from '../cases/domain/money';

/** A real calendar date written YYYY-MM-DD. */
export function IsLocalDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLocalDate',
      validator: {
        validate: (value) => isLocalDate(value),
        defaultMessage: buildMessage((each) => `${each}$property must be a date written YYYY-MM-DD`, options),
      },
    },
    options,
  );
}

/** Kronor with at most two decimals; strictly positive unless `allowZero`. Capped at one billion kronor. */
export function IsKronor(opts: { allowZero?: boolean } = {}, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isKronor',
      validator: {
        validate: (value) =>
          typeof value === 'number' &&
          hasAtMostTwoDecimals(value) &&
          (opts.allowZero ? value >= 0 : value > 0) &&
          value <= 1_000_000_000,
        defaultMessage: buildMessage(
          (each) =>
            `${each}$property must be an amount in kronor ${opts.allowZero ? 'of 0 or more' : 'above 0'} with at most two decimals`,
          options,
        ),
      },
    },
    options,
  );
}

/**
 * A whole number from a query string: only plain digits convert, so "0x10",
 * "1e3" or " " stay strings and fail @IsInt instead of becoming 16, 1000 or 0.
 */
export function QueryInt(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value,
  );
}
