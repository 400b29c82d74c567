const PATTERN = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Milliseconds of an ISO 8601 duration in days/weeks and time (P7D, PT3S, P1DT12H); no months or years, as their length varies. */
export function parseIsoDuration(text: string): number {
  const m = PATTERN.exec(text);
  if (!m || text === 'P' || text.endsWith('T'))
    throw new Error(`not an ISO 8601 duration of weeks, days and time: ${text}`);
  const [, w, d, h, min, s] = m.map((v) => (v === undefined ? 0 : Number(v)));
  const ms = ((((w * 7 + d) * 24 + h) * 60 + min) * 60 + s) * 1000;
  if (ms <= 0) throw new Error(`the duration must be positive: ${text}`);
  return ms;
}

export function isIsoDuration(text: string): boolean {
  try {
    parseIsoDuration(text);
    return true;
  } catch {
    return false;
  }
}
