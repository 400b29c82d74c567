/** Impact figures per municipality and month, counted at ingest time; only aggregates are kept. */

export const FOLLOW_UP_OUTCOMES_SHOWN = [
  'engaged-in-activity',
  'internship-or-work-found',
  'help-found',
  'unreachable',
] as const;

const AMSTERDAM_MONTH = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
});

/** Calendar month of an instant in Dutch time (Europe/Amsterdam), as municipalities count: "2026-11". */
export function monthOf(at: Date): string {
  const parts = AMSTERDAM_MONTH.formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}`;
}

export type Counters = Record<string, number>;

export interface ImpactRow {
  municipalityCode: string;
  month: string;
  offeredYoungsters: number | null;
  firstOffers: number | null;
  /** Median days from entering the waiting list to the first offer, one decimal; null when suppressed. */
  medianDaysToFirstOffer: number | null;
  offers: number | null;
  offersAccepted: number | null;
  acceptedShare: number | null;
  attendanceSessions: number | null;
  attendancePresent: number | null;
  attendanceShare: number | null;
  handovers: number | null;
  firstContactWithin5WorkingDays: number | null;
  firstContactShare: number | null;
  outcomes: Record<string, number | null>;
}

/** A count under `min` is suppressed (null), so that no youngster can be recognised. */
export function suppress(count: number | undefined, min: number): number | null {
  const n = count ?? 0;
  return n < min ? null : n;
}

/** A share is shown only when both counts behind it are shown. */
export function share(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null || denominator === 0) return null;
  return Math.round((numerator / denominator) * 1000) / 1000;
}

/** Time from entering the waiting list to the first offer, as kept per first offer (no identity). */
export interface FirstOfferLatencies {
  /** How many first offers the median is taken over. */
  count: number;
  medianSeconds: number | null;
}

/**
 * The median in days, one decimal, or null when it rests on fewer than `min` first offers, so that
 * a small cell shows no youngster's own waiting time.
 */
export function medianDays(latencies: FirstOfferLatencies | undefined, min: number): number | null {
  if (!latencies || latencies.count < min || latencies.medianSeconds === null) return null;
  return Math.round((latencies.medianSeconds / 86400) * 10) / 10;
}

export function impactRow(
  municipalityCode: string,
  month: string,
  c: Counters,
  min: number,
  latencies?: FirstOfferLatencies,
): ImpactRow {
  const offers = suppress(c.offers, min);
  const offersAccepted = suppress(c.offers_accepted, min);
  const attendanceSessions = suppress(c.attendance_sessions, min);
  const attendancePresent = suppress(c.attendance_present, min);
  const handovers = suppress(c.handovers, min);
  const firstContact = suppress(c.handovers_first_contact_5wd, min);
  return {
    municipalityCode,
    month,
    offeredYoungsters: suppress(c.offered_youngsters, min),
    firstOffers: suppress(c.first_offers, min),
    medianDaysToFirstOffer: medianDays(latencies, min),
    offers,
    offersAccepted,
    acceptedShare: share(offersAccepted, offers),
    attendanceSessions,
    attendancePresent,
    attendanceShare: share(attendancePresent, attendanceSessions),
    handovers,
    firstContactWithin5WorkingDays: firstContact,
    firstContactShare: share(firstContact, handovers),
    outcomes: Object.fromEntries(FOLLOW_UP_OUTCOMES_SHOWN.map((o) => [o, suppress(c[`outcome_${o}`], min)])),
  };
}

const CSV_COLUMNS: [string, (r: ImpactRow) => unknown][] = [
  ['municipality_code', (r) => r.municipalityCode],
  ['month', (r) => r.month],
  ['offered_youngsters', (r) => r.offeredYoungsters],
  ['median_days_to_first_offer', (r) => r.medianDaysToFirstOffer],
  ['offers', (r) => r.offers],
  ['offers_accepted', (r) => r.offersAccepted],
  ['accepted_share', (r) => r.acceptedShare],
  ['attendance_sessions', (r) => r.attendanceSessions],
  ['attendance_share', (r) => r.attendanceShare],
  ['handovers', (r) => r.handovers],
  ['first_contact_within_5_working_days', (r) => r.firstContactWithin5WorkingDays],
  ['first_contact_share', (r) => r.firstContactShare],
  ...FOLLOW_UP_OUTCOMES_SHOWN.map(
    (o) =>
      [`outcome_${o.replace(/-/g, '_')}`, (r: ImpactRow) => r.outcomes[o]] as [
        string,
        (r: ImpactRow) => unknown,
      ],
  ),
];

/** CSV with a header row; a suppressed cell is empty. */
export function impactCsv(rows: ImpactRow[]): string {
  const lines = [CSV_COLUMNS.map(([name]) => name).join(',')];
  for (const r of rows) {
    lines.push(
      CSV_COLUMNS.map(([, get]) => (get(r) === null ? '' : `"${String(get(r)).replace(/"/g, '""')}"`)).join(
        ',',
      ),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
