/** Impact figures per municipality and period, counted at ingest time; only aggregates are kept. */
import { suppressCells, type AdditiveGroup } from './cell-suppression';
import { monthsOf, periodGroups, periodsOfYear } from './impact-period';
import { medianScore, YOUTH_VOICE_MEASURES } from './youth-voice';
import { amsterdamDate } from '@samenspel/calendar';
import { YOUTH_VOICE_HELPED } from '@samenspel/contracts';

export const FOLLOW_UP_OUTCOMES_SHOWN = [
  'engaged-in-activity',
  'internship-or-work-found',
  'help-found',
  'unreachable',
] as const;

/** The follow-up steps of the default plan: after 5 working days, 2 weeks and 3 months. */
export const FOLLOW_UP_STEPS_SHOWN = ['first-contact', 'check-in-2w', 'check-in-3m'] as const;

/** Participation is asked 4, 8 and 12 weeks after a placement started, as the activity service does. */
export const PARTICIPATION_WEEKS = [4, 8, 12] as const;
const WEEK_MS = 7 * 24 * 3600 * 1000;

/** Whether a present session on `sessionDate` (YYYY-MM-DD) is N weeks or more after the start. */
export function participatingAt(start: Date, weeks: number, sessionDate: string): boolean {
  const sessionEnd = Date.parse(`${sessionDate}T23:59:59Z`);
  return !Number.isNaN(sessionEnd) && sessionEnd >= start.getTime() + weeks * WEEK_MS;
}

/**
 * Whether every placement started in the period had N weeks by `asOf`: only then is the share
 * participating at N weeks final. The period ends at the start of the month after its last month
 * (a day later, to be safe across Dutch time).
 */
export function participationDue(period: string, weeks: number, asOf: Date): boolean {
  const last = monthsOf(period).at(-1)!;
  const end = Date.UTC(Number(last.slice(0, 4)), Number(last.slice(5, 7)), 2);
  return asOf.getTime() >= end + weeks * WEEK_MS;
}

/** Calendar month of an instant in Dutch time (Europe/Amsterdam), as municipalities count: "2026-11". */
export function monthOf(at: Date): string {
  const date = amsterdamDate(at);
  return date.slice(0, date.lastIndexOf('-'));
}

export type Counters = Record<string, number>;

/**
 * The bands the weeks bridged are shown in. Each ended bridging counts in `weeks_bridged_at_<n>`
 * (n whole weeks); the bands and the median are worked out from those, which are never shown.
 */
export const WEEKS_BRIDGED_BANDS = [
  { band: '0-3', measure: 'weeks_bridged_0_3', from: 0, to: 3 },
  { band: '4-7', measure: 'weeks_bridged_4_7', from: 4, to: 7 },
  { band: '8-11', measure: 'weeks_bridged_8_11', from: 8, to: 11 },
  { band: '12+', measure: 'weeks_bridged_12_plus', from: 12, to: Infinity },
] as const;

const WEEKS_AT = /^weeks_bridged_at_([0-9]+)$/;

/** The counters with the weeks-bridged bands added, from the `weeks_bridged_at_<n>` counters. */
export function withWeeksBands(counters: Counters): Counters {
  const out: Counters = { ...counters };
  for (const { measure } of WEEKS_BRIDGED_BANDS) out[measure] = 0;
  for (const [measure, n] of Object.entries(counters)) {
    const weeks = WEEKS_AT.exec(measure);
    if (!weeks) continue;
    const band = WEEKS_BRIDGED_BANDS.find((b) => Number(weeks[1]) >= b.from && Number(weeks[1]) <= b.to)!;
    out[band.measure] += n;
  }
  return out;
}

/** The median of whole weeks counted per number of weeks (`weeks_bridged_at_<n>`), or null without any. */
export function medianWeeks(counters: readonly Counters[]): number | null {
  const histogram = new Map<number, number>();
  for (const c of counters) {
    for (const [measure, n] of Object.entries(c)) {
      const weeks = WEEKS_AT.exec(measure);
      if (weeks) histogram.set(Number(weeks[1]), (histogram.get(Number(weeks[1])) ?? 0) + n);
    }
  }
  const total = [...histogram.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const sorted = [...histogram.entries()].sort(([a], [b]) => a - b);
  const nth = (k: number) => {
    let seen = 0;
    for (const [weeks, n] of sorted) if ((seen += n) > k) return weeks;
    return sorted[sorted.length - 1][0];
  };
  // The middle value, or the mean of the two middle ones.
  return (nth(Math.floor((total - 1) / 2)) + nth(Math.floor(total / 2))) / 2;
}

/** The counters the impact keeps per municipality and month (`impact_counter.measure`). */
export const IMPACT_MEASURES = [
  'referrals_to_care',
  'referrals_to_care_accepted',
  'entered_with_consent',
  'offered_youngsters',
  'first_offers',
  'offers',
  'offers_accepted',
  'attendance_sessions',
  'attendance_present',
  'bridged_exits',
  'care_no_longer_needed',
  'care_started_while_attending',
  'weeks_bridged',
  ...WEEKS_BRIDGED_BANDS.map((b) => b.measure),
  'parallel_referrals',
  'placements_started',
  ...PARTICIPATION_WEEKS.map((w) => `participating_${w}w`),
  'handovers',
  'handovers_first_contact_5wd',
  ...FOLLOW_UP_OUTCOMES_SHOWN.map((o) => `outcome_${o}`),
  ...FOLLOW_UP_STEPS_SHOWN.flatMap((s) => [`follow_up_${s}`, `follow_up_${s}_on_time`]),
  ...YOUTH_VOICE_MEASURES,
] as const;

/** voor: before care, youth work refers a youngster to care (toeleiding). */
export interface ImpactBefore {
  referralsToCare: number | null;
  /** Referrals to care that care accepted, in the month of acceptance. */
  referralsToCareAccepted: number | null;
  /** Median days from the referral to care's acceptance, one decimal; null when suppressed. */
  medianDaysToAcceptance: number | null;
}

/** tijdens: while the youngster waits for care, youth work bridges the wait. */
export interface ImpactDuring {
  enteredWithConsent: number | null;
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
  /** Bridged youngsters (the entry had an offer) who left the waiting list. */
  bridgedExits: number | null;
  /** Of those, the ones whose need for care passed while waiting: prevention. */
  careNoLongerNeeded: number | null;
  careNoLongerNeededShare: number | null;
  /** Bridgings that ended with an accepted placement, their weeks as a median and in bands. */
  weeksBridged: { count: number | null; median: number | null; bands: Record<string, number | null> };
  /** Care started and the youngster goes on in the activity (bridging ended, placement continues). */
  careStartedWhileAttending: number | null;
  /** Referrals from care to youth work while the youngster waits (phase during). */
  parallelReferrals: number | null;
  /**
   * Placements started in the period, and per 4, 8 and 12 weeks how many were still taking part
   * then; the share only once every placement of the period had those weeks (`due`).
   */
  participation: {
    placementsStarted: number | null;
    weeks: Record<string, { participating: number | null; share: number | null; due: boolean }>;
  };
}

/** na: after care, care hands the youngster over to youth work. */
export interface ImpactAfter {
  handovers: number | null;
  firstContactWithin5WorkingDays: number | null;
  firstContactShare: number | null;
  outcomes: Record<string, number | null>;
  /** Per follow-up step: how many were done, how many of them by their due time, and that share. */
  followUps: Record<string, { done: number | null; onTime: number | null; onTimeShare: number | null }>;
  /**
   * The youngsters' own views recorded at follow-up steps: how many, their median score (1-5, only
   * when the number of views is shown) and per word of what helped how many views named it.
   */
  youthVoice: { views: number | null; medianScore: number | null; helped: Record<string, number | null> };
}

export interface ImpactRow {
  municipalityCode: string;
  /** A month "2026-11", quarter "2026-Q4" or year "2026", in Dutch time. */
  period: string;
  voor: ImpactBefore;
  tijdens: ImpactDuring;
  na: ImpactAfter;
}

/** A municipality's counters of one month. */
export interface MonthlyCounters {
  municipality: string;
  month: string;
  counters: Counters;
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

/** One row from the counts shown (suppressed already); a median only when its first offers are shown. */
export function impactRow(
  municipalityCode: string,
  period: string,
  shown: Readonly<Record<string, number | null>>,
  min: number,
  latencies?: FirstOfferLatencies,
  weeksMedian: number | null = null,
  asOf?: Date,
  acceptances?: FirstOfferLatencies,
  scoreMedian: number | null = null,
): ImpactRow {
  const c = (measure: string) => shown[measure] ?? null;
  const firstOffers = c('first_offers');
  return {
    municipalityCode,
    period,
    voor: {
      referralsToCare: c('referrals_to_care'),
      referralsToCareAccepted: c('referrals_to_care_accepted'),
      medianDaysToAcceptance: c('referrals_to_care_accepted') === null ? null : medianDays(acceptances, min),
    },
    tijdens: {
      enteredWithConsent: c('entered_with_consent'),
      offeredYoungsters: c('offered_youngsters'),
      firstOffers,
      medianDaysToFirstOffer: firstOffers === null ? null : medianDays(latencies, min),
      offers: c('offers'),
      offersAccepted: c('offers_accepted'),
      acceptedShare: share(c('offers_accepted'), c('offers')),
      attendanceSessions: c('attendance_sessions'),
      attendancePresent: c('attendance_present'),
      attendanceShare: share(c('attendance_present'), c('attendance_sessions')),
      bridgedExits: c('bridged_exits'),
      careNoLongerNeeded: c('care_no_longer_needed'),
      careNoLongerNeededShare: share(c('care_no_longer_needed'), c('bridged_exits')),
      weeksBridged: {
        count: c('weeks_bridged'),
        median: c('weeks_bridged') === null ? null : weeksMedian,
        bands: Object.fromEntries(WEEKS_BRIDGED_BANDS.map((b) => [b.band, c(b.measure)])),
      },
      careStartedWhileAttending: c('care_started_while_attending'),
      parallelReferrals: c('parallel_referrals'),
      participation: {
        placementsStarted: c('placements_started'),
        weeks: Object.fromEntries(
          PARTICIPATION_WEEKS.map((w) => {
            const due = asOf !== undefined && participationDue(period, w, asOf);
            const participating = c(`participating_${w}w`);
            return [
              w,
              { participating, share: due ? share(participating, c('placements_started')) : null, due },
            ];
          }),
        ),
      },
    },
    na: {
      handovers: c('handovers'),
      firstContactWithin5WorkingDays: c('handovers_first_contact_5wd'),
      firstContactShare: share(c('handovers_first_contact_5wd'), c('handovers')),
      outcomes: Object.fromEntries(FOLLOW_UP_OUTCOMES_SHOWN.map((o) => [o, c(`outcome_${o}`)])),
      followUps: Object.fromEntries(
        FOLLOW_UP_STEPS_SHOWN.map((s) => {
          const [done, onTime] = [c(`follow_up_${s}`), c(`follow_up_${s}_on_time`)];
          return [s, { done, onTime, onTimeShare: share(onTime, done) }];
        }),
      ),
      youthVoice: {
        views: c('youth_voice'),
        medianScore: c('youth_voice') === null ? null : scoreMedian,
        helped: Object.fromEntries(YOUTH_VOICE_HELPED.map((w) => [w, c(`youth_voice_helped_${w}`)])),
      },
    },
  };
}

/**
 * The counts of each measure shown per period of a municipality's year: each month, quarter and
 * the year, suppressed together so that no hidden month can be worked out from its quarter (nor a
 * quarter from its year), whichever period is asked; and the weeks-bridged bands of each period
 * with their total.
 */
export function shownCountsOfYear(
  months: readonly MonthlyCounters[],
  year: string,
  min: number,
): Map<string, Record<string, number | null>> {
  const byMonth = new Map(
    months.filter((m) => m.month.startsWith(year)).map((m) => [m.month, withWeeksBands(m.counters)]),
  );
  const key = (measure: string, period: string) => `${measure}@${period}`;
  const counts = new Map<string, number>();
  for (const measure of IMPACT_MEASURES) {
    for (const period of periodsOfYear(year)) {
      const n = monthsOf(period).reduce((sum, month) => sum + (byMonth.get(month)?.[measure] ?? 0), 0);
      counts.set(key(measure, period), n);
    }
  }
  const groups: AdditiveGroup[] = [
    ...IMPACT_MEASURES.flatMap((measure) =>
      periodGroups(year).map((g) => ({
        total: key(measure, g.total),
        parts: g.parts.map((p) => key(measure, p)),
      })),
    ),
    ...periodsOfYear(year).map((period) => ({
      total: key('weeks_bridged', period),
      parts: WEEKS_BRIDGED_BANDS.map((b) => key(b.measure, period)),
    })),
  ];
  const shown = new Map(periodsOfYear(year).map((p) => [p, {} as Record<string, number | null>]));
  for (const [k, n] of suppressCells(counts, groups, min)) {
    const [measure, period] = k.split('@');
    shown.get(period)![measure] = n;
  }
  return shown;
}

/**
 * The impact rows of the municipalities' monthly counters: for `period`, one row per municipality;
 * without it, one row per municipality and month with figures. Newest period first.
 * `latencies` holds the first offers' latencies per `municipality|period`.
 */
export function impactRows(
  months: readonly MonthlyCounters[],
  period: string | undefined,
  latencies: ReadonlyMap<string, FirstOfferLatencies>,
  min: number,
  asOf?: Date,
  acceptances: ReadonlyMap<string, FirstOfferLatencies> = new Map(),
): ImpactRow[] {
  const rows: ImpactRow[] = [];
  const municipalities = [...new Set(months.map((m) => m.municipality))].sort();
  for (const municipality of municipalities) {
    const own = months.filter((m) => m.municipality === municipality);
    const years = period ? [period.slice(0, 4)] : [...new Set(own.map((m) => m.month.slice(0, 4)))];
    for (const year of years) {
      const shown = shownCountsOfYear(own, year, min);
      const periods = period ? [period] : own.filter((m) => m.month.startsWith(year)).map((m) => m.month);
      for (const p of periods) {
        const ofPeriod = own.filter((m) => monthsOf(p).includes(m.month)).map((m) => m.counters);
        const weeksMedian = medianWeeks(ofPeriod);
        rows.push(
          impactRow(
            municipality,
            p,
            shown.get(p)!,
            min,
            latencies.get(`${municipality}|${p}`),
            weeksMedian,
            asOf,
            acceptances.get(`${municipality}|${p}`),
            medianScore(ofPeriod),
          ),
        );
      }
    }
  }
  return rows.sort((a, b) => (a.period === b.period ? 0 : a.period < b.period ? 1 : -1));
}

type Column = [string, (r: ImpactRow) => unknown];

const CSV_COLUMNS: Column[] = [
  ['municipality_code', (r) => r.municipalityCode],
  ['period', (r) => r.period],
  ['voor_referrals_to_care', (r) => r.voor.referralsToCare],
  ['voor_referrals_to_care_accepted', (r) => r.voor.referralsToCareAccepted],
  ['voor_median_days_to_acceptance', (r) => r.voor.medianDaysToAcceptance],
  ['tijdens_entered_with_consent', (r) => r.tijdens.enteredWithConsent],
  ['tijdens_offered_youngsters', (r) => r.tijdens.offeredYoungsters],
  ['tijdens_first_offers', (r) => r.tijdens.firstOffers],
  ['tijdens_median_days_to_first_offer', (r) => r.tijdens.medianDaysToFirstOffer],
  ['tijdens_offers', (r) => r.tijdens.offers],
  ['tijdens_offers_accepted', (r) => r.tijdens.offersAccepted],
  ['tijdens_accepted_share', (r) => r.tijdens.acceptedShare],
  ['tijdens_attendance_sessions', (r) => r.tijdens.attendanceSessions],
  ['tijdens_attendance_present', (r) => r.tijdens.attendancePresent],
  ['tijdens_attendance_share', (r) => r.tijdens.attendanceShare],
  ['tijdens_bridged_exits', (r) => r.tijdens.bridgedExits],
  ['tijdens_care_no_longer_needed', (r) => r.tijdens.careNoLongerNeeded],
  ['tijdens_care_no_longer_needed_share', (r) => r.tijdens.careNoLongerNeededShare],
  ['tijdens_weeks_bridged', (r) => r.tijdens.weeksBridged.count],
  ['tijdens_weeks_bridged_median', (r) => r.tijdens.weeksBridged.median],
  ...WEEKS_BRIDGED_BANDS.map((b): Column => [
    `tijdens_${b.measure}`,
    (r) => r.tijdens.weeksBridged.bands[b.band],
  ]),
  ['tijdens_care_started_while_attending', (r) => r.tijdens.careStartedWhileAttending],
  ['tijdens_parallel_referrals', (r) => r.tijdens.parallelReferrals],
  ['tijdens_placements_started', (r) => r.tijdens.participation.placementsStarted],
  ...PARTICIPATION_WEEKS.flatMap((w): Column[] => [
    [`tijdens_participating_${w}w`, (r) => r.tijdens.participation.weeks[w].participating],
    [`tijdens_participating_${w}w_share`, (r) => r.tijdens.participation.weeks[w].share],
  ]),
  ['na_handovers', (r) => r.na.handovers],
  ['na_first_contact_within_5_working_days', (r) => r.na.firstContactWithin5WorkingDays],
  ['na_first_contact_share', (r) => r.na.firstContactShare],
  ...FOLLOW_UP_OUTCOMES_SHOWN.map((o): Column => [
    `na_outcome_${o.replace(/-/g, '_')}`,
    (r) => r.na.outcomes[o],
  ]),
  ...FOLLOW_UP_STEPS_SHOWN.flatMap((s): Column[] => [
    [`na_follow_up_${s.replace(/-/g, '_')}_done`, (r) => r.na.followUps[s].done],
    [`na_follow_up_${s.replace(/-/g, '_')}_on_time`, (r) => r.na.followUps[s].onTime],
  ]),
  ['na_youth_voice_views', (r) => r.na.youthVoice.views],
  ['na_youth_voice_median_score', (r) => r.na.youthVoice.medianScore],
  ...YOUTH_VOICE_HELPED.map((w): Column => [
    `na_youth_voice_helped_${w.replace(/-/g, '_')}`,
    (r) => r.na.youthVoice.helped[w],
  ]),
];

/** CSV with a header row; a suppressed cell is empty; every line says as of when (ISO 8601, UTC). */
export function impactCsv(rows: ImpactRow[], asOf: Date): string {
  const columns: Column[] = [...CSV_COLUMNS, ['as_of', () => asOf.toISOString()]];
  const lines = [columns.map(([name]) => name).join(',')];
  for (const r of rows) {
    lines.push(
      columns
        .map(([, get]) => {
          const value = get(r);
          return value === null ? '' : `"${String(value).replace(/"/g, '""')}"`;
        })
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
