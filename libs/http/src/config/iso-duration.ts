import { ParsedBy, parses } from './parsed-setting';

// Weeks, days and clock time only: years and months have no fixed length, so a TTL in them would
// be ambiguous (P1M from 31 January?).
const PATTERN = /^P(?!$)(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Milliseconds of a positive ISO 8601 duration such as P7D, PT36H, P1DT12H or PT2.5S; throws on anything else. */
export function parseIsoDuration(value: string): number {
  const match = PATTERN.exec(value);
  if (!match || value.endsWith('T')) {
    throw new Error(
      `${JSON.stringify(value)} is not an ISO 8601 duration in weeks, days, hours, minutes or seconds`,
    );
  }
  const [, w, d, h, m, s] = match.map((part) => (part === undefined ? 0 : Number(part)));
  const ms = Math.round(((((w * 7 + d) * 24 + h) * 60 + m) * 60 + s) * 1000);
  if (ms <= 0) throw new Error(`${JSON.stringify(value)} is not a positive duration`);
  return ms;
}

/** Whether a value is a positive ISO 8601 duration of weeks, days and clock time. */
export function isIsoDuration(value: string): boolean {
  return parses(parseIsoDuration, value);
}

/** class-validator: a time-to-live setting, a positive ISO 8601 duration of weeks, days and clock time. */
export function IsIsoDuration(): PropertyDecorator {
  return ParsedBy(
    'isIsoDuration',
    parseIsoDuration,
    'must be a positive ISO 8601 duration of weeks, days and time, such as P7D or PT12H',
  );
}
