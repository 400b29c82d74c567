import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@samenspel/http';
import { Gauge, Histogram } from 'prom-client';
import { DataSource } from 'typeorm';
import { shareBridged, weeksBridged } from '../domain/bridging-measures';

export interface MunicipalityMeasures {
  municipalityCode: string;
  entries: number;
  waiting: number;
  bridged: number;
  shareBridged: number;
  weeksBridged: number;
  firstOffer: {
    count: number;
    meanSeconds: number | null;
    p50Seconds: number | null;
    p90Seconds: number | null;
  };
}

/**
 * The bridging measures. Per municipality through the measures API; as metrics over the whole
 * installation only, since a municipality's series would count too few youngsters to publish:
 * seconds from `entered` to the first offer (a histogram, observed as offers are made), and the
 * share of waiting youngsters with an accepted placement and the weeks of waiting time bridged
 * (gauges, read from the database when scraped).
 */
@Injectable()
export class BridgingMetrics {
  private readonly firstOfferSeconds: Histogram;

  constructor(
    registry: MetricsRegistry,
    private readonly dataSource: DataSource,
  ) {
    this.firstOfferSeconds = new Histogram({
      name: 'samenspel_bridging_first_offer_seconds',
      help: 'Seconds from a waitlist entered event (enteredAt) to the first bridging offer',
      buckets: [1, 2, 5, 10, 30, 60, 300, 3600, 86400, 604800],
      registers: [registry],
    });
    const total = async () => totalOf(await this.measures());
    new Gauge({
      name: 'samenspel_bridging_share_bridged',
      help: 'Share of waiting youngsters (entries not ended) with an accepted bridging placement',
      registers: [registry],
      async collect() {
        this.set((await total()).shareBridged);
      },
    });
    new Gauge({
      name: 'samenspel_bridging_weeks_bridged',
      help: 'Weeks of waiting time bridged by accepted placements (to exit, or to the expected end of the wait)',
      registers: [registry],
      async collect() {
        this.set((await total()).weeksBridged);
      },
    });
  }

  firstOffer(seconds: number): void {
    this.firstOfferSeconds.observe(seconds);
  }

  /** The measures per municipality (or of one), from the database. */
  async measures(municipalityCode?: string): Promise<MunicipalityMeasures[]> {
    const filter = municipalityCode ?? null;
    const counts: {
      municipality_code: string;
      entries: string;
      waiting: string;
      bridged: string;
      offered: string;
      mean: number | null;
      p50: number | null;
      p90: number | null;
    }[] = await this.dataSource.query(
      `SELECT municipality_code,
              count(*) AS entries,
              count(*) FILTER (WHERE status <> 'ended') AS waiting,
              count(*) FILTER (WHERE status = 'bridged') AS bridged,
              count(first_offered_at) AS offered,
              avg(extract(epoch FROM first_offered_at - entered_at))::float8 AS mean,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_offered_at - entered_at))
                FILTER (WHERE first_offered_at IS NOT NULL)::float8 AS p50,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM first_offered_at - entered_at))
                FILTER (WHERE first_offered_at IS NOT NULL)::float8 AS p90
         FROM waitlist_entry WHERE ($1::text IS NULL OR municipality_code = $1)
        GROUP BY municipality_code ORDER BY municipality_code`,
      [filter],
    );
    const accepted: {
      municipality_code: string;
      entered_at: Date;
      accepted_at: Date;
      exited_at: Date | null;
      expected_wait_weeks: number;
    }[] = await this.dataSource.query(
      `SELECT municipality_code, entered_at, accepted_at, exited_at, expected_wait_weeks
         FROM waitlist_entry WHERE accepted_at IS NOT NULL AND ($1::text IS NULL OR municipality_code = $1)`,
      [filter],
    );
    return counts.map((c) => {
      const weeks = accepted
        .filter((a) => a.municipality_code === c.municipality_code)
        .reduce(
          (sum, a) =>
            sum +
            weeksBridged({
              acceptedAt: a.accepted_at,
              enteredAt: a.entered_at,
              expectedWaitWeeks: a.expected_wait_weeks,
              exitedAt: a.exited_at,
            }),
          0,
        );
      const waiting = Number(c.waiting);
      const bridged = Number(c.bridged);
      return {
        municipalityCode: c.municipality_code,
        entries: Number(c.entries),
        waiting,
        bridged,
        shareBridged: shareBridged(bridged, waiting),
        weeksBridged: Math.round(weeks * 10) / 10,
        firstOffer: { count: Number(c.offered), meanSeconds: c.mean, p50Seconds: c.p50, p90Seconds: c.p90 },
      };
    });
  }
}

/** The installation's share bridged and weeks bridged, over every municipality. */
function totalOf(measures: MunicipalityMeasures[]): { shareBridged: number; weeksBridged: number } {
  const bridged = measures.reduce((sum, m) => sum + m.bridged, 0);
  const waiting = measures.reduce((sum, m) => sum + m.waiting, 0);
  const weeks = measures.reduce((sum, m) => sum + m.weeksBridged, 0);
  return { shareBridged: shareBridged(bridged, waiting), weeksBridged: Math.round(weeks * 10) / 10 };
}
