import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LedgerEvent } from '../ledger/ledger-event.entity';

type Row = Record<string, never>;

/** The flows as the ledger (`ledger_event`) shows them: per youngster, and counted per event type. */
@Injectable()
export class FlowsRepository {
  /** The youngster's ledger rows in event-time order (at most 1000). */
  async trace(em: EntityManager, youthRef: string): Promise<LedgerEvent[]> {
    const rows = (await em.query(
      `SELECT * FROM ledger_event WHERE youth_ref = $1 ORDER BY event_time, recorded_at, id LIMIT 1000`,
      [youthRef],
    )) as Row[];
    return rows.map((r) => ({
      type: r.type,
      eventId: r.event_id,
      source: r.source,
      correlationId: r.correlation_id,
      eventTime: r.event_time,
      topic: r.topic,
      partition: r.partition,
      offset: String(r.offset),
      valid: r.valid,
      deadLetter: r.dead_letter,
      refs: r.refs,
    }));
  }

  /** Valid events recorded in the last hour and day, per type, the most frequent first. */
  async countsByType(
    em: EntityManager,
    limit: number,
  ): Promise<{ type: string; lastHour: number; lastDay: number }[]> {
    const rows = (await em.query(
      `SELECT type,
         count(*) FILTER (WHERE recorded_at > now() - interval '1 hour')::int AS last_hour,
         count(*)::int AS last_day
       FROM ledger_event WHERE recorded_at > now() - interval '1 day' AND valid AND NOT dead_letter
       GROUP BY type ORDER BY last_day DESC, type LIMIT $1`,
      [limit],
    )) as Row[];
    return rows.map((r) => ({ type: r.type, lastHour: r.last_hour, lastDay: r.last_day }));
  }

  /** Invalid and dead-lettered records recorded in the last day. */
  async failedLastDay(em: EntityManager): Promise<{ invalid: number; deadLetters: number }> {
    const [totals] = (await em.query(
      `SELECT count(*) FILTER (WHERE NOT valid AND NOT dead_letter)::int AS invalid,
         count(*) FILTER (WHERE dead_letter)::int AS dead
       FROM ledger_event WHERE recorded_at > now() - interval '1 day'`,
    )) as Row[];
    return { invalid: totals.invalid, deadLetters: totals.dead };
  }
}
