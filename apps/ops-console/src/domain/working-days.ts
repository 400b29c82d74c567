import Holidays from 'date-holidays';

const DAY_MS = 24 * 60 * 60 * 1000;
const netherlands = new Holidays('NL');

/** A working day: Monday to Friday and not a Dutch public holiday (date-holidays, type "public"). Dates are taken in UTC. */
export function isWorkingDay(day: Date): boolean {
  const weekday = day.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const noon = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 12));
  const key = noon.toISOString().slice(0, 10);
  let holiday = publicHoliday.get(key);
  if (holiday === undefined) {
    // date-holidays is slow per call; the answer per date never changes.
    const found = netherlands.isHoliday(noon);
    holiday = Boolean(found && found.some((h) => h.type === 'public'));
    publicHoliday.set(key, holiday);
  }
  return !holiday;
}

const publicHoliday = new Map<string, boolean>();

/** The same moment `days` working days later: weekends and public holidays are skipped. */
export function addWorkingDays(start: Date, days: number): Date {
  let at = start.getTime();
  let left = days;
  while (left > 0) {
    at += DAY_MS;
    if (isWorkingDay(new Date(at))) left--;
  }
  return new Date(at);
}
