import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { FirstOfferLatencies, MonthlyCounters } from '../domain/impact';
import { monthsOf } from '../domain/impact-period';
import type { ImpactFact, ImpactFigures, ImpactIncrement } from './impact.entity';

/**
 * The impact aggregates: counters per municipality, month and measure (`impact_counter`), the
 * first offers' latencies per cell (`impact_first_offer_latency`), and which subjects each
 * measure counted already (`impact_fact`).
 */
@Injectable()
export class ImpactRepository {
  /** Adds the increments in one statement; the caller gives them in one order of the counters' keys. */
  async addCounts(em: EntityManager, increments: readonly ImpactIncrement[]): Promise<void> {
    if (increments.length === 0) return;
    await em.query(
      `INSERT INTO impact_counter (municipality_code, month, measure, count)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[])
       ON CONFLICT (municipality_code, month, measure) DO UPDATE SET count = impact_counter.count + EXCLUDED.count`,
      [
        increments.map((r) => r.municipality),
        increments.map((r) => r.month),
        increments.map((r) => r.measure),
        increments.map((r) => r.by),
      ],
    );
  }

  /**
   * Inserts the facts in one statement, and the latency of each first offer among them counted
   * now; returns the facts counted now (those not counted before). The caller gives them in one
   * order of the unique index keys.
   */
  async insertFacts(
    em: EntityManager,
    facts: readonly ImpactFact[],
  ): Promise<{ measure: string; subject: string }[]> {
    if (facts.length === 0) return [];
    const latencies = facts.filter((f) => f.firstOfferSeconds !== undefined);
    return (await em.query(
      `WITH counted AS (
         INSERT INTO impact_fact (measure, subject) SELECT * FROM unnest($1::text[], $2::text[])
         ON CONFLICT DO NOTHING RETURNING measure, subject
       ), latency AS (
         INSERT INTO impact_first_offer_latency (municipality_code, month, seconds)
         SELECT l.municipality_code, l.month, l.seconds
           FROM unnest($3::text[], $4::text[], $5::text[], $6::float8[]) AS l (subject, municipality_code, month, seconds)
           JOIN counted c ON c.measure = 'first_offers' AND c.subject = l.subject
       )
       SELECT measure, subject FROM counted`,
      [
        facts.map((f) => f.measure),
        facts.map((f) => f.subject),
        latencies.map((f) => f.subject),
        latencies.map((f) => f.municipality),
        latencies.map((f) => f.month),
        latencies.map((f) => f.firstOfferSeconds),
      ],
    )) as { measure: string; subject: string }[];
  }

  /**
   * The monthly counters of the municipalities (every one when absent) in the year of `period`
   * (every month when absent); the first offers' latencies and the times to care's acceptance of
   * referrals to care over `period`, or per month without it; and the time the figures are as of.
   */
  async figures(
    em: EntityManager,
    filter: { municipalityCodes?: readonly string[]; period?: string },
  ): Promise<ImpactFigures> {
    const { municipalityCodes, period } = filter;
    const where = (months: readonly string[] | undefined, monthColumn = 'month', extra: string[] = []) => {
      const params: unknown[] = [];
      const parts = [...extra];
      if (municipalityCodes) parts.push(`municipality_code = ANY($${params.push(municipalityCodes)})`);
      if (months) parts.push(`${monthColumn} = ANY($${params.push(months)})`);
      return { clause: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
    };
    const counters = where(period ? monthsOf(period.slice(0, 4)) : undefined);
    const rows = (await em.query(
      `SELECT municipality_code, month, measure, count FROM impact_counter ${counters.clause}`,
      counters.params,
    )) as { municipality_code: string; month: string; measure: string; count: number }[];
    const months = new Map<string, MonthlyCounters>();
    for (const r of rows) {
      const key = `${r.municipality_code}|${r.month}`;
      const cell = months.get(key) ?? { municipality: r.municipality_code, month: r.month, counters: {} };
      cell.counters[r.measure] = r.count;
      months.set(key, cell);
    }
    /** The median of `seconds` per municipality, over the period asked or per month. */
    const medians = async (table: string, seconds: string, monthColumn: string, extra: string[] = []) => {
      const w = where(period ? monthsOf(period) : undefined, monthColumn, extra);
      const periodColumn = period ? `$${w.params.push(period)}::text` : monthColumn;
      const out = new Map<string, FirstOfferLatencies>();
      for (const l of (await em.query(
        `SELECT municipality_code, ${periodColumn} AS period, count(*)::int AS count,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY ${seconds}) AS median_seconds
         FROM ${table} ${w.clause} GROUP BY 1, 2`,
        w.params,
      )) as { municipality_code: string; period: string; count: number; median_seconds: number | null }[]) {
        out.set(`${l.municipality_code}|${l.period}`, {
          count: l.count,
          medianSeconds: l.median_seconds === null ? null : Number(l.median_seconds),
        });
      }
      return out;
    };
    const latencies = await medians('impact_first_offer_latency', 'seconds', 'month');
    const acceptances = await medians(
      'referral_to_care',
      'extract(epoch FROM accepted_at - created_at)',
      'accepted_month',
      ['accepted_at IS NOT NULL'],
    );
    const [{ as_of }] = (await em.query(
      `SELECT COALESCE(max(recorded_at), now()) AS as_of FROM ledger_event`,
    )) as { as_of: Date }[];
    return { months: [...months.values()], latencies, acceptances, asOf: new Date(as_of) };
  }
}
