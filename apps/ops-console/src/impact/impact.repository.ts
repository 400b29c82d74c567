import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Counters, FirstOfferLatencies } from '../domain/impact';
import type { ImpactCell, ImpactFact, ImpactIncrement } from './impact.entity';

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

  /** The cells of a municipality, a month, or both; newest month first. */
  async cells(
    em: EntityManager,
    filter: { municipalityCode?: string; month?: string },
  ): Promise<ImpactCell[]> {
    const params: string[] = [];
    const where: string[] = [];
    if (filter.municipalityCode) where.push(`municipality_code = $${params.push(filter.municipalityCode)}`);
    if (filter.month) where.push(`month = $${params.push(filter.month)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows = (await em.query(
      `SELECT municipality_code, month, measure, count FROM impact_counter
       ${clause} ORDER BY month DESC, municipality_code`,
      params,
    )) as { municipality_code: string; month: string; measure: string; count: number }[];
    const latencies = new Map<string, FirstOfferLatencies>();
    for (const l of (await em.query(
      `SELECT municipality_code, month, count(*)::int AS count,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS median_seconds
       FROM impact_first_offer_latency ${clause} GROUP BY municipality_code, month`,
      params,
    )) as { municipality_code: string; month: string; count: number; median_seconds: number | null }[]) {
      latencies.set(`${l.municipality_code}|${l.month}`, {
        count: l.count,
        medianSeconds: l.median_seconds === null ? null : Number(l.median_seconds),
      });
    }
    const cells = new Map<string, ImpactCell>();
    for (const r of rows) {
      const key = `${r.municipality_code}|${r.month}`;
      const cell = cells.get(key) ?? {
        municipality: r.municipality_code,
        month: r.month,
        counters: {} as Counters,
        latencies: latencies.get(key),
      };
      cell.counters[r.measure] = r.count;
      cells.set(key, cell);
    }
    return [...cells.values()];
  }
}
