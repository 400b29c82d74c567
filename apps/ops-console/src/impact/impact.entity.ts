import type { FirstOfferLatencies, MonthlyCounters } from '../domain/impact';

/** A subject to count once per measure (`impact_fact`), and what counting it adds. */
export interface ImpactFact {
  measure: string;
  subject: string;
  municipality: string;
  month: string;
  /**
   * Measures counted too when the subject is counted (attendance_present, care_no_longer_needed,
   * a youth voice's score and words); they leave no fact of their own.
   */
  alsoCount?: string | readonly string[];
  /** The first offer's latency, kept when the subject is counted (first_offers). */
  firstOfferSeconds?: number;
}

/** What a counter (`impact_counter`) of a municipality, month and measure goes up by. */
export interface ImpactIncrement {
  municipality: string;
  month: string;
  measure: string;
  by: number;
}

/** The impact's aggregates as read for a report: monthly counters and first offers' latencies. */
export interface ImpactFigures {
  months: MonthlyCounters[];
  /** Per `municipality|period`: each month's, or the asked period's when there is one. */
  latencies: Map<string, FirstOfferLatencies>;
  /** Per `municipality|period`: the times from a referral to care to care's acceptance. */
  acceptances: Map<string, FirstOfferLatencies>;
  /** The newest record the console had recorded: the figures count every event up to it. */
  asOf: Date;
}
