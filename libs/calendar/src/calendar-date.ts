/** A calendar date (no time, no zone) as YYYY-MM-DD. */
export type CalendarDate = string;

/** The calendar date of a year, month (1-12) and day; days past the month's end roll over. */
export function calendarDate(year: number, month: number, day: number): CalendarDate {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

/** The date `days` calendar days after `date` (before it when negative). */
export function addCalendarDays(date: CalendarDate, days: number): CalendarDate {
  const [y, m, d] = date.split('-').map(Number);
  return calendarDate(y, m, d + days);
}

/** The day of the week, 0 for Sunday to 6 for Saturday. */
export function weekday(date: CalendarDate): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}
