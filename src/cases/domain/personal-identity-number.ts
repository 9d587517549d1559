import { isLocalDate } from '../../calendar/local-date';

export type LegalGender = 'woman' | 'man';

export interface PersonalIdentityNumber {
  /** 12 digits, YYYYMMDDNNNN. */
  value: string;
  isCoordinationNumber: boolean;
  gender: LegalGender;
  /** Birth date (for samordningsnummer the day with 60 taken off). */
  birthDate: string;
}

export type PinResult = { ok: true; pin: PersonalIdentityNumber } | { ok: false; reason: string };

function luhnValid(nineDigitsAndCheck: string): boolean {
  let sum = 0;
  for (let i = 0; i < nineDigitsAndCheck.length; i++) {
    let d = Number(nineDigitsAndCheck[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Parses a personnummer or samordningsnummer in the forms YYYYMMDD-NNNN,
 * YYYYMMDDNNNN, YYMMDD-NNNN and YYMMDD+NNNN (+ for 100 years or older), checks
 * the control digit (Luhn over the last ten digits) and returns the 12-digit form.
 * `today` decides the century of the short forms.
 */
export function parsePersonalIdentityNumber(input: string, today: string): PinResult {
  const text = input.trim();
  const long = /^(\d{4})(\d{2})(\d{2})-?(\d{4})$/.exec(text);
  const short = /^(\d{2})(\d{2})(\d{2})([-+])(\d{4})$/.exec(text);
  let year: number;
  let month: string;
  let day: string;
  let tail: string;
  if (long) {
    [, , month, day, tail] = long;
    year = Number(long[1]);
  } else if (short) {
    const yy = Number(short[1]);
    [, , month, day, , tail] = short;
    const currentYear = Number(today.slice(0, 4));
    // The most recent year ending in yy that is not in the future, 100 more back for "+".
    year = currentYear - ((((currentYear - yy) % 100) + 100) % 100);
    if (`${year}-${month}-${String(Number(day) > 60 ? Number(day) - 60 : Number(day)).padStart(2, '0')}` > today)
      year -= 100;
    if (short[4] === '+') year -= 100;
  } else {
    return { ok: false, reason: 'must be YYYYMMDD-NNNN, YYYYMMDDNNNN, YYMMDD-NNNN or YYMMDD+NNNN' };
  }
  const dayNumber = Number(day);
  const isCoordinationNumber = dayNumber > 60;
  const birthDay = isCoordinationNumber ? dayNumber - 60 : dayNumber;
  const birthDate = `${String(year).padStart(4, '0')}-${month}-${String(birthDay).padStart(2, '0')}`;
  if (!isLocalDate(birthDate)) return { ok: false, reason: 'has no valid birth date' };
  if (birthDate > today) return { ok: false, reason: 'has a birth date in the future' };
  const yy = String(year).slice(2);
  if (!luhnValid(`${yy}${month}${day}${tail}`)) return { ok: false, reason: 'has a wrong control digit' };
  return {
    ok: true,
    pin: {
      value: `${String(year).padStart(4, '0')}${month}${day}${tail}`,
      isCoordinationNumber,
      gender: Number(tail[2]) % 2 === 1 ? 'man' : 'woman',
      birthDate,
    },
  };
}

/**
 * What is wrong with a personnummer whatever day it is read (its form, a
 * birth date that exists, the control digit), or undefined: the check a
 * request's validation can make beside its other fields. A short form
 * (YYMMDD-NNNN) is read in each century it can stand for. Parsing it with
 * today (`parsePersonalIdentityNumber`) completes the check: the century of a
 * short form, and a birth date not in the future.
 */
export function personalIdentityNumberProblem(input: string): string | undefined {
  const days = /^\d{6}[-+]\d{4}$/.test(input.trim()) ? ['2099-12-31', '2199-12-31'] : ['9999-12-31'];
  const results = days.map((day) => parsePersonalIdentityNumber(input, day));
  const failed = results.find((r): r is { ok: false; reason: string } => !r.ok);
  return results.some((r) => r.ok) ? undefined : failed?.reason;
}
