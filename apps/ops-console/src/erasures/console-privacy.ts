import { Injectable } from '@nestjs/common';
import {
  erasedMarker,
  erasedMarkerSql,
  notErasedSql,
  retentionCutoff,
  rowsAffected,
  type ErasureCounts,
  type RetentionAnonymiser,
  type RetentionPolicy,
  type YouthDataEraser,
} from '@samenspel/erasure';
import type { EntityManager } from 'typeorm';

/** How long a confirmation may wait for a request the console never saw before it is dropped. */
export const ORPHAN_CONFIRMATION_HOURS = 24;

/**
 * Erasure in the ops console. The impact counters (`impact_counter`, `impact_first_offer_latency`)
 * are aggregates per municipality and month and stay exactly as they are. What names the youngster:
 * - ledger rows: kept, since the flow counts and a redelivered record's recognition (topic,
 *   partition, offset) depend on them, but without youthRef and record ids;
 * - dead letters: the stored copy of the record (key, value, headers) and the youthRef are
 *   cleared and the dead letter is resolved as erased; its coordinates and reason stay;
 * - the flow-state projections and the youthRef-to-municipality lookup: deleted;
 * - `impact_fact` (which subjects were already counted, so that nothing counts twice): the one
 *   subject made of the youthRef (`offered_youngsters`, `<youthRef>:<month>`) gets a random marker
 *   instead, keeping the month, so the fact still stops a double count.
 * Erasure requests keep their youthRef until complete (see ErasureTracker).
 */
@Injectable()
export class ConsoleEraser implements YouthDataEraser {
  readonly youthRefColumns = [
    'ledger_event',
    'dead_letter',
    'waitlist_entry_state',
    'task_state',
    'handover_state',
    'youth_municipality',
  ].map((table) => ({ table, column: 'youth_ref' }));

  async erase(em: EntityManager, youthRef: string): Promise<ErasureCounts> {
    const ledger = await rowsAffected(
      em,
      `UPDATE ledger_event SET youth_ref = NULL, refs = '{}'::jsonb WHERE youth_ref = $1`,
      [youthRef],
    );
    const deadLetters = await rowsAffected(
      em,
      `UPDATE dead_letter SET youth_ref = NULL, record_key = NULL, record_value = NULL, record_headers = NULL,
           status = 'resolved', resolved_by = coalesce(resolved_by, 'erasure'),
           resolved_at = coalesce(resolved_at, now()),
           resolution_note = coalesce(resolution_note, 'erased (AVG art. 17)')
          WHERE youth_ref = $1 OR record_key = $1
             OR (record_value IS NOT NULL AND position(convert_to($1, 'UTF8') IN record_value) > 0)
             OR strpos(coalesce(record_headers::text, ''), $1) > 0`,
      [youthRef],
    );
    const counts: ErasureCounts = { ledger_event: ledger, dead_letter: deadLetters };
    for (const table of ['waitlist_entry_state', 'task_state', 'handover_state', 'youth_municipality']) {
      counts[table] = await rowsAffected(em, `DELETE FROM ${table} WHERE youth_ref = $1`, [youthRef]);
    }
    counts.impact_fact = await rowsAffected(
      em,
      `UPDATE impact_fact SET subject = $2 || substr(subject, length($1) + 1)
          WHERE starts_with(subject, $1 || ':')`,
      [youthRef, erasedMarker()],
    );
    return counts;
  }
}

/**
 * Retention in the ops console (RETENTION_LEDGER): ledger rows and dead letters older than the
 * period lose their youthRef and record ids; closed flow states are deleted, and the
 * youthRef-to-municipality rows no ledger row needs any more; counted subjects made of a youthRef
 * get a marker. Confirmations whose request never arrived are dropped after a day.
 */
@Injectable()
export class ConsoleRetention implements RetentionAnonymiser {
  async anonymiseExpired(em: EntityManager, now: Date, policy: RetentionPolicy): Promise<ErasureCounts> {
    const cutoff = retentionCutoff(now, policy.ledger);
    const counts: ErasureCounts = {};
    counts.ledger_event = await rowsAffected(
      em,
      `UPDATE ledger_event SET youth_ref = NULL, refs = '{}'::jsonb
          WHERE recorded_at < $1 AND (youth_ref IS NOT NULL OR refs <> '{}'::jsonb)`,
      [cutoff],
    );
    counts.dead_letter = await rowsAffected(
      em,
      `UPDATE dead_letter SET youth_ref = NULL, record_key = NULL, record_value = NULL, record_headers = NULL
          WHERE received_at < $1 AND (youth_ref IS NOT NULL OR record_value IS NOT NULL)`,
      [cutoff],
    );
    for (const table of ['waitlist_entry_state', 'task_state', 'handover_state']) {
      counts[table] = await rowsAffected(
        em,
        `DELETE FROM ${table} WHERE closed_at IS NOT NULL AND closed_at < $1`,
        [cutoff],
      );
    }
    counts.youth_municipality = await rowsAffected(
      em,
      `DELETE FROM youth_municipality y WHERE NOT EXISTS (SELECT 1 FROM ledger_event l WHERE l.youth_ref = y.youth_ref)`,
    );
    counts.impact_fact = await rowsAffected(
      em,
      `UPDATE impact_fact SET subject = ${erasedMarkerSql('subject')} || ':' || split_part(subject, ':', 2)
          WHERE measure = 'offered_youngsters' AND split_part(subject, ':', 2) < to_char($1::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM')
            AND ${notErasedSql('subject')}`,
      [cutoff],
    );
    counts.erasure_confirmation = await rowsAffected(
      em,
      `DELETE FROM erasure_confirmation WHERE request_id IS NULL AND received_at < $1::timestamptz - make_interval(hours => $2)`,
      [now, ORPHAN_CONFIRMATION_HOURS],
    );
    return counts;
  }
}
