import { addYears } from './local-date';
import { easterSunday, holidayEves, isNonWorkingDay, nextWorkingDay, publicHolidays } from './swedish-calendar';

describe('Swedish calendar', () => {
  it.each([
    [2014, '2014-04-20'],
    [2015, '2015-04-05'],
    [2016, '2016-03-27'],
    [2017, '2017-04-16'],
    [2018, '2018-04-01'],
    [2019, '2019-04-21'],
    [2020, '2020-04-12'],
    [2021, '2021-04-04'],
    [2022, '2022-04-17'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2038, '2038-04-25'],
  ])('Easter Sunday %i is %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it('lists the public holidays of 2018 as published', () => {
    expect(publicHolidays(2018).map((h) => `${h.date} ${h.name}`)).toEqual([
      '2018-01-01 Nyårsdagen',
      '2018-01-06 Trettondedag jul',
      '2018-03-30 Långfredagen',
      '2018-04-01 Påskdagen',
      '2018-04-02 Annandag påsk',
      '2018-05-01 Första maj',
      '2018-05-10 Kristi himmelsfärdsdag',
      '2018-05-20 Pingstdagen',
      '2018-06-06 Sveriges nationaldag',
      '2018-06-23 Midsommardagen',
      '2018-11-03 Alla helgons dag',
      '2018-12-25 Juldagen',
      '2018-12-26 Annandag jul',
    ]);
    expect(holidayEves(2018).map((h) => h.date)).toEqual(['2018-06-22', '2018-12-24', '2018-12-31']);
  });

  it.each([
    // year, midsommarafton, midsommardagen, alla helgons dag, Kristi himmelsfärd
    [2019, '2019-06-21', '2019-06-22', '2019-11-02', '2019-05-30'],
    [2020, '2020-06-19', '2020-06-20', '2020-10-31', '2020-05-21'],
    [2021, '2021-06-25', '2021-06-26', '2021-11-06', '2021-05-13'],
    [2023, '2023-06-23', '2023-06-24', '2023-11-04', '2023-05-18'],
    [2026, '2026-06-19', '2026-06-20', '2026-10-31', '2026-05-14'],
  ])(
    '%i: midsommarafton %s, midsommardagen %s, alla helgons dag %s, Kristi himmelsfärd %s',
    (year, eve, day, allSaints, ascension) => {
      const names = new Map(publicHolidays(year).map((h) => [h.name, h.date]));
      expect(holidayEves(year)[0].date).toBe(eve);
      expect(names.get('Midsommardagen')).toBe(day);
      expect(names.get('Alla helgons dag')).toBe(allSaints);
      expect(names.get('Kristi himmelsfärdsdag')).toBe(ascension);
    },
  );

  it('had annandag pingst and no nationaldag before 2005', () => {
    const names = publicHolidays(2004).map((h) => h.name);
    expect(names).toContain('Annandag pingst');
    expect(names).not.toContain('Sveriges nationaldag');
    expect(publicHolidays(2004).find((h) => h.name === 'Annandag pingst')?.date).toBe('2004-05-31');
  });

  it('treats weekends, holidays and the three eves as non-working days', () => {
    expect(isNonWorkingDay('2018-12-24')).toBe(true); // julafton, a Monday
    expect(isNonWorkingDay('2021-12-31')).toBe(true); // nyårsafton, a Friday
    expect(isNonWorkingDay('2018-06-22')).toBe(true); // midsommarafton
    expect(isNonWorkingDay('2018-06-21')).toBe(false);
    expect(isNonWorkingDay('2018-11-03')).toBe(true); // alla helgons dag
    expect(isNonWorkingDay('2018-11-02')).toBe(false); // allhelgonaafton is a working day
    expect(nextWorkingDay('2018-12-22')).toBe('2018-12-27'); // Sat, Sun, julafton, juldagen, annandag
    expect(nextWorkingDay('2021-12-31')).toBe('2022-01-03');
  });

  it('adds years to 29 February as the last day of February', () => {
    expect(addYears('2016-02-29', 3)).toBe('2019-02-28');
    expect(addYears('2017-02-28', 3)).toBe('2020-02-28');
    expect(addYears('2018-01-31', 3)).toBe('2021-01-31');
  });
});
