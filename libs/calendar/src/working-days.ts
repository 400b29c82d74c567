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

const DAY_MS = 86_400_000;
/** The days (UTC midnight, ms) with a four-digit year: their YYYY-MM-DD and their time agree. */
const FOUR_DIGIT_FROM = Date.UTC(1000, 0, 1);
const FOUR_DIGIT_UNTIL = Date.UTC(10000, 0, 1);
const publicHolidayTimesByYear = new Map<number, Set<number>>();

/** The public holidays of one year as the UTC midnights of their dates. */
function publicHolidayTimes(year: number): ReadonlySet<number> {
  let set = publicHolidayTimesByYear.get(year);
  if (!set) {
    set = new Set([...publicHolidays(year)].map((date) => Date.parse(`${date}T00:00:00Z`)));
    publicHolidayTimesByYear.set(year, set);
  }
  return set;
}

/** isWorkingDay for the day starting at `time` (UTC midnight, ms, four-digit year). */
function isWorkingDayAt(time: number): boolean {
  const day = new Date(time);
  const weekday = day.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !publicHolidayTimes(day.getUTCFullYear()).has(time);
}

/**
 * The working day `n` working days after `date` (n ≥ 0). Counting starts the day after, so a
 * Friday plus one is the Monday, and a Saturday plus one is the Monday too.
 */
export function addWorkingDaysToDate(date: CalendarDate, n: number): CalendarDate {
  if (n <= 0) return date;
  const [y, m, d] = date.split('-').map(Number);
  // Counted on day numbers rather than on strings while the years have four digits.
  const start = Date.UTC(y, m - 1, d);
  let time = start;
  let left = n;
  while (left > 0 && time + DAY_MS >= FOUR_DIGIT_FROM && time + DAY_MS < FOUR_DIGIT_UNTIL) {
    time += DAY_MS;
    if (isWorkingDayAt(time)) left -= 1;
  }
  let current = time === start ? date : new Date(time).toISOString().slice(0, 10);
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

/** Amsterdam's wall clock at an instant, as Intl formats it (slow: about 5 µs a call). */
function formattedParts(instant: Date): LocalParts {
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: instant.getUTCMilliseconds(),
  };
}

/** The wall-clock time of these parts, counted as if it were UTC. */
function partsAsUtc(parts: LocalParts): number {
  const [y, m, d] = parts.date.split('-').map(Number);
  return Date.UTC(y, m - 1, d, parts.hour, parts.minute, parts.second, parts.millisecond);
}

/** How far Amsterdam's wall clock is ahead of UTC at `time` (ms), as Intl formats it. */
function formattedOffset(time: number): number {
  return partsAsUtc(formattedParts(new Date(time))) - time;
}

const HOUR_MS = 3_600_000;
/** The instants whose Amsterdam wall clock has a four-digit year: the cached offsets cover these. */
const CACHED_FROM = Date.UTC(1000, 0, 2);
const CACHED_UNTIL = Date.UTC(9999, 11, 30);
/** Offsets of whole UTC hours (hour number → ms); cleared when full, as deadlines cluster near now. */
const offsetsByHour = new Map<number, number>();
const MAX_CACHED_HOURS = 4096;

/**
 * Amsterdam's offset from UTC at `time` (ms). The clocks change at whole UTC hours (01:00Z), so
 * the offset is worked out once per UTC hour and then reused. An hour with a change inside it (the
 * local mean times of the nineteenth century) is formatted instant by instant.
 */
function amsterdamOffset(time: number): number {
  if (!(time >= CACHED_FROM && time < CACHED_UNTIL)) return formattedOffset(time);
  const hour = Math.floor(time / HOUR_MS);
  let offset = offsetsByHour.get(hour);
  if (offset === undefined) {
    const start = hour * HOUR_MS;
    offset = formattedOffset(start);
    if (formattedOffset(start + HOUR_MS - 1) !== offset) return formattedOffset(time);
    if (offsetsByHour.size >= MAX_CACHED_HOURS) offsetsByHour.clear();
    offsetsByHour.set(hour, offset);
  }
  return offset;
}

function amsterdamParts(instant: Date): LocalParts {
  const time = instant.getTime();
  if (!(time >= CACHED_FROM && time < CACHED_UNTIL)) return formattedParts(instant);
  const local = new Date(time + amsterdamOffset(time));
  return {
    date: local.toISOString().slice(0, 10),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    millisecond: instant.getUTCMilliseconds(),
  };
}

/** The instant at which Amsterdam's wall clock shows these parts (DST-aware). */
function amsterdamInstant(parts: LocalParts): Date {
  const asUtc = partsAsUtc(parts);
  // Two passes settle the offset also on the days the clocks change.
  let guess = asUtc;
  for (let i = 0; i < 2; i++) guess = asUtc - amsterdamOffset(guess);
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
