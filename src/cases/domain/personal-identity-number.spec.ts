import { parsePersonalIdentityNumber, personalIdentityNumberProblem } from './personal-identity-number';

const today = '2026-11-23';

describe('personnummer and samordningsnummer', () => {
  it.each([
    ['19811218-9876', '198112189876', 'man'],
    ['198112189876', '198112189876', 'man'],
    ['811218-9876', '198112189876', 'man'],
    ['121212-1212', '201212121212', 'man'],
    ['19121212+1212', null, null],
  ])('%s', (input, value, gender) => {
    const result = parsePersonalIdentityNumber(input, today);
    if (value === null) {
      expect(result.ok).toBe(false);
    } else {
      expect(result).toMatchObject({ ok: true, pin: { value, gender } });
    }
  });

  it('reads + as 100 years or older', () => {
    expect(parsePersonalIdentityNumber('121212+1212', today)).toMatchObject({
      ok: true,
      pin: { value: '191212121212' },
    });
  });

  it('accepts a samordningsnummer (day + 60)', () => {
    expect(parsePersonalIdentityNumber('701063-2391', today)).toMatchObject({
      ok: true,
      pin: { value: '197010632391', isCoordinationNumber: true, birthDate: '1970-10-03', gender: 'man' },
    });
  });

  it('refuses a wrong control digit, an impossible date and other shapes', () => {
    expect(parsePersonalIdentityNumber('19811218-9877', today)).toEqual({
      ok: false,
      reason: 'has a wrong control digit',
    });
    expect(parsePersonalIdentityNumber('19810230-1234', today)).toEqual({
      ok: false,
      reason: 'has no valid birth date',
    });
    expect(parsePersonalIdentityNumber('8112189876', today).ok).toBe(false);
    expect(parsePersonalIdentityNumber('abc', today).ok).toBe(false);
    expect(parsePersonalIdentityNumber('20301212-1211', today)).toMatchObject({ ok: false });
  });

  it('reads legal gender from the second-to-last digit', () => {
    expect(parsePersonalIdentityNumber('19640823-3234', today)).toMatchObject({ ok: true, pin: { gender: 'man' } });
    expect(parsePersonalIdentityNumber('19640823-3226', today)).toMatchObject({ ok: true, pin: { gender: 'woman' } });
  });
});

describe('a personnummer checked whatever day it is (beside a request’s other fields)', () => {
  it('says what is wrong with its form, its date and its control digit', () => {
    expect(personalIdentityNumberProblem('19811218-9876')).toBeUndefined();
    expect(personalIdentityNumberProblem('811218-9876')).toBeUndefined();
    expect(personalIdentityNumberProblem('19811218-9877')).toBe('has a wrong control digit');
    expect(personalIdentityNumberProblem('19810230-1234')).toBe('has no valid birth date');
    expect(personalIdentityNumberProblem('abc')).toMatch(/^must be/);
  });

  it('leaves to today what only today decides: a birth date in the future, the century of a short form', () => {
    // Born after today: only the registration's check with today's date refuses it.
    expect(personalIdentityNumberProblem('20991231-2288')).toBeUndefined();
    expect(parsePersonalIdentityNumber('20991231-2288', '2025-09-01')).toMatchObject({ ok: false });
    // 29 February of a year ending in 00 exists in 2000, not in 1900 or 2100: a short form may mean 2000.
    expect(parsePersonalIdentityNumber('000229-0005', '2025-09-01')).toMatchObject({ ok: true });
    expect(personalIdentityNumberProblem('000229-0005')).toBeUndefined();
  });
});
