import type { Counters, FirstOfferLatencies } from '../domain/impact';

/** A subject to count once per measure (`impact_fact`), and what counting it adds. */
export interface ImpactFact {
  measure: string;
  subject: string;
  municipality: string;
  month: string;
  /** A measure counted too when the subject is counted (attendance_present). */
  alsoCount?: string;
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

/** One cell of the impact: a municipality's counters of a month and its first offers' latencies. */
export interface ImpactCell {
  municipality: string;
  month: string;
  counters: Counters;
  latencies?: FirstOfferLatencies;
}
