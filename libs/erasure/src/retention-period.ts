import { ParsedBy } from '@samenspel/http';
import type { RetentionPeriod } from './erasure.ports';

// Unlike the TTLs (libs/http parseIsoDuration), a retention period may be given in years and
// months: "2 years after the flow ended" is a calendar date, subtracted in UTC.
const PATTERN =
  /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** The default retention of every data kind: after the Verwijsindex practice of signals active for two years. */
export const DEFAULT_RETENTION = 'P2Y';

/** Reads a positive ISO 8601 duration such as P2Y, P18M, P90D or PT5S; throws on anything else. */
export function parseRetentionPeriod(iso: string): RetentionPeriod {
  const match = PATTERN.exec(iso);
  if (!match || iso.endsWith('T')) {
    throw new Error(`${JSON.stringify(iso)} is not an ISO 8601 duration such as P2Y, P6M or P30D`);
  }
  const [, y, mo, w, d, h, mi, s] = match.map((part) => (part === undefined ? 0 : Number(part)));
  const ms = Math.round(((((w * 7 + d) * 24 + h) * 60 + mi) * 60 + s) * 1000);
  if (y === 0 && mo === 0 && ms <= 0) throw new Error(`${JSON.stringify(iso)} is not a positive duration`);
  return { iso, years: y, months: mo, ms };
}

/**
 * The instant before which a flow must have ended for its records to be anonymised now. Years and
 * months are calendar steps (29 February minus one year is 28 February, not 1 March).
 */
export function retentionCutoff(now: Date, period: RetentionPeriod): Date {
  const totalMonths = now.getUTCFullYear() * 12 + now.getUTCMonth() - (period.years * 12 + period.months);
  const year = Math.floor(totalMonths / 12);
  const month = totalMonths - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const shifted = Date.UTC(
    year,
    month,
    Math.min(now.getUTCDate(), lastDay),
    now.getUTCHours(),
    now.getUTCMinutes(),
    now.getUTCSeconds(),
    now.getUTCMilliseconds(),
  );
  return new Date(shifted - period.ms);
}

/** class-validator: a positive retention period (ISO 8601, years and months allowed). */
export function IsRetentionPeriod() {
  return ParsedBy(
    'isRetentionPeriod',
    parseRetentionPeriod,
    'must be a positive ISO 8601 duration such as P2Y, P18M or P90D',
  );
}
