import { addCalendarDays, weekday, type CalendarDate } from './calendar-date';
import { dutchPublicHolidays } from './dutch-public-holidays';

/**
 * Working days are counted on the Amsterdam calendar, whatever the server's time zone: a deadline
 * and the rule that checks it must agree on which day 00:30 in Amsterdam belongs to.
 */
export const DUTCH_TIME_ZONE = 'Europe/Amsterdam';

const publicHolidaysByYear = new Map<number, Set<string>>();

/** The public holidays of the Netherlands in one year as YYYY-MM-DD (see dutchPublicHolidays). */
export function publicHolidays(year: number): ReadonlySet<string> {
  let set = publicHolidaysByYear.get(year);
  if (!set) {
    // A year's holidays never change: worked out once a year.
    set = new Set(dutchPublicHolidays(year));
    publicHolidaysByYear.set(year, set);
  }
  return set;
}

/** Monday to Friday and not a Dutch public holiday. */
export function isWorkingDay(date: CalendarDate): boolean {
  const day = weekday(date);
  if (day === 0 || day === 6) return false;
  return !publicHolidays(Number(date.split('-')[0])).has(date);
}

/**
 * The working day `n` working days after `date` (n ≥ 0). Counting starts the day after, so a
 * Friday plus one is the Monday, and a Saturday plus one is the Monday too.
 */
export function addWorkingDaysToDate(date: CalendarDate, n: number): CalendarDate {
  let current = date;
  let left = n;
  while (left > 0) {
    current = addCalendarDays(current, 1);
    if (isWorkingDay(current)) left -= 1;
  }
  return current;
}

interface LocalParts {
  date: CalendarDate;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: DUTCH_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function amsterdamParts(instant: Date): LocalParts {
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: instant.getUTCMilliseconds(),
  };
}

/** The instant at which Amsterdam's wall clock shows these parts (DST-aware). */
function amsterdamInstant(parts: LocalParts): Date {
  const [y, m, d] = parts.date.split('-').map(Number);
  const asUtc = Date.UTC(y, m - 1, d, parts.hour, parts.minute, parts.second, parts.millisecond);
  // Two passes settle the offset also on the days the clocks change.
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const shown = amsterdamParts(new Date(guess));
    const [sy, sm, sd] = shown.date.split('-').map(Number);
    const shownUtc = Date.UTC(sy, sm - 1, sd, shown.hour, shown.minute, shown.second, shown.millisecond);
    guess += asUtc - shownUtc;
  }
  return new Date(guess);
}

/** The Amsterdam calendar date of an instant: 22:30Z on 26 April 2026 is already 27 April there. */
export function amsterdamDate(instant: Date): CalendarDate {
  return amsterdamParts(instant).date;
}

/**
 * `n` Dutch working days after `from`, at the same Amsterdam wall-clock time. With n = 0 the
 * moment itself.
 */
export function addWorkingDays(from: Date, n: number): Date {
  if (n <= 0) return new Date(from.getTime());
  const local = amsterdamParts(from);
  return amsterdamInstant({ ...local, date: addWorkingDaysToDate(local.date, n) });
}

/** How many whole working days lie after `from` up to and including `to`'s calendar day. */
export function workingDaysBetween(from: Date, to: Date): number {
  const start = amsterdamDate(from);
  const end = amsterdamDate(to);
  let count = 0;
  for (let day = addCalendarDays(start, 1); day <= end; day = addCalendarDays(day, 1)) {
    if (isWorkingDay(day)) count += 1;
  }
  return count;
}
