import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsObject,
  // The only place these two are used: a DTO uses Optional, Nested and NestedList (an ESLint rule says so).
  // eslint-disable-next-line no-restricted-imports
  IsOptional,
  // eslint-disable-next-line no-restricted-imports
  ValidateNested,
  ValidateBy,
  type ValidationOptions,
  buildMessage,
} from 'class-validator';
import { isLocalDate } from '../calendar/local-date';
import { hasAtMostTwoDecimals } from '../kernel/money';

/** Business dates outside this range are typing mistakes (0018 for 2018), never FUT history. */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2100-12-31';

/** A real calendar date written YYYY-MM-DD, from 1900 to 2100. */
export function IsLocalDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLocalDate',
      validator: {
        validate: (value) => isLocalDate(value) && value >= EARLIEST_DATE && value <= LATEST_DATE,
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a date written YYYY-MM-DD from ${EARLIEST_DATE} to ${LATEST_DATE}`,
          options,
        ),
      },
    },
    options,
  );
}

/** A month written YYYY-MM, from 1900 to 2100 (a month of assistance). */
export function IsYearMonth(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isYearMonth',
      validator: {
        validate: (value) => typeof value === 'string' && /^(19\d\d|20\d\d|2100)-(0[1-9]|1[0-2])$/.test(value),
        defaultMessage: buildMessage((each) => `${each}$property must be a month written YYYY-MM`, options),
      },
    },
    options,
  );
}

/** Bidirectional overrides and isolates reorder what a reader sees (U+202A-U+202E, U+2066-U+2069). */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
/** C0 and C1 control characters; `multiline` allows line feeds, carriage returns and tabs. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAKS = /[\n\r\t]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** At least one letter, digit, punctuation mark or symbol: not only spaces or invisible characters. */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

/** Why a text is refused, or undefined when it is fine. */
export function plainTextProblem(value: unknown, multiline: boolean): string | undefined {
  if (typeof value !== 'string') return 'must be text';
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode (it holds a lone surrogate)';
  if (CONTROLS.test(value) || (!multiline && LINE_BREAKS.test(value))) return 'must not hold control characters';
  if (BIDI_CONTROLS.test(value)) return 'must not hold bidirectional override characters';
  if (!VISIBLE.test(value)) return 'must hold visible text, not only spaces or invisible characters';
  return undefined;
}

/**
 * Text a person reads later (names, summaries, journal entries): no control
 * or bidi-override characters, no lone surrogates, and something visible.
 */
export function IsPlainText(opts: { multiline?: boolean } = {}, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPlainText',
      validator: {
        validate: (value) => plainTextProblem(value, opts.multiline ?? false) === undefined,
        defaultMessage: (args) =>
          `${args?.property ?? 'text'} ${plainTextProblem(args?.value, opts.multiline ?? false) ?? 'is not plain text'}`,
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

/**
 * A field that may be left out. Null counts as left out and reaches the
 * handler as undefined, so `field?: T` never holds a null the code does not expect
 * (class-validator's IsOptional alone lets null through to code typed without it).
 */
export function Optional(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (value === null ? undefined : value)),
    IsOptional(),
  );
}

type Constructor = new () => object;

/**
 * One object of a DTO class. ValidateNested alone validates every element of
 * an array it is given instead, so `[]` or `[[]]` would pass as an object.
 */
export function Nested(type: () => Constructor): PropertyDecorator {
  return applyDecorators(IsObject({ message: '$property must be an object' }), ValidateNested(), Type(type));
}

/** A list of objects of a DTO class: each element an object (not a list, not null), at most `max`. */
export function NestedList(type: () => Constructor, max: number): PropertyDecorator {
  return applyDecorators(
    IsArray(),
    ArrayMaxSize(max),
    IsObject({ each: true, message: 'each entry of $property must be an object' }),
    ValidateNested({ each: true }),
    Type(type),
  );
}
