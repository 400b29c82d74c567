import { addCalendarDays, calendarDate, weekday, type CalendarDate } from './calendar-date';

/**
 * Easter Sunday of a year of the Gregorian calendar as YYYY-MM-DD (the anonymous Gregorian
 * algorithm of Meeus, Jones and Butcher).
 */
export function easterSunday(year: number): CalendarDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return calendarDate(year, month, day);
}

/**
 * The public holidays of the Netherlands in one year as YYYY-MM-DD: New Year, Easter Sunday and
 * Monday, the monarch's day, Ascension, Whit Sunday and Monday, Christmas and Boxing Day. Good
 * Friday and Liberation Day are not among them: most collective labour agreements give them only
 * every few years, so they count as working days. The monarch's day is 27 April since 2014 (26
 * April when the 27th is a Sunday), 30 April from 1980 (29 April when a Sunday) and from 1949 (1
 * May when a Sunday), and 31 August from 1885 to 1948.
 */
export function dutchPublicHolidays(year: number): CalendarDate[] {
  const easter = easterSunday(year);
  const days = [
    calendarDate(year, 1, 1),
    easter,
    addCalendarDays(easter, 1),
    addCalendarDays(easter, 39),
    addCalendarDays(easter, 49),
    addCalendarDays(easter, 50),
    calendarDate(year, 12, 25),
    calendarDate(year, 12, 26),
  ];
  const monarchsDay = monarchsDayOf(year);
  if (monarchsDay) days.push(monarchsDay);
  return days.sort();
}

function monarchsDayOf(year: number): CalendarDate | undefined {
  if (year >= 2014) return onSunday(calendarDate(year, 4, 27), -1);
  if (year >= 1980) return onSunday(calendarDate(year, 4, 30), -1);
  if (year >= 1949) return onSunday(calendarDate(year, 4, 30), 1);
  if (year >= 1885) return calendarDate(year, 8, 31);
  return undefined;
}

/** The day itself, or `days` away from it when it is a Sunday. */
function onSunday(date: CalendarDate, days: number): CalendarDate {
  return weekday(date) === 0 ? addCalendarDays(date, days) : date;
}
