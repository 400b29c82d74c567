import { Injectable } from '@nestjs/common';
import {
  erasedMarker,
  notErasedSql,
  retentionCutoff,
  rowsAffected,
  type ErasureCounts,
  type RetentionAnonymiser,
  type RetentionPolicy,
  type YouthDataEraser,
} from '@samenspel/erasure';
import type { EntityManager } from 'typeorm';

/** Reason and exit reason recorded on what an erasure closed. */
export const ERASED = 'erased';

/**
 * Statuses an erasure leaves alone: an ended entry, and a bridged one (its placement was accepted;
 * nothing is matched for it any more, and its weeks bridged count to the expected end of the wait).
 */
const KEPT_STATUSES = ['ended', 'bridged'];

/**
 * Erasure in the waitlist-bridging service. The bridging measures (entries, waiting, bridged,
 * weeks bridged, time to first offer per municipality) are counted from the entry rows, so the
 * rows stay, anonymised (see anonymiseEntries). An entry still being matched or offered is ended
 * (`erased`): nobody is matched or offered anything for a youngster we no longer know. Its open offers are withdrawn
 * without an event; the activity service releases their held seats in its own erasure.
 */
@Injectable()
export class BridgingEraser implements YouthDataEraser {
  readonly youthRefColumns = [{ table: 'waitlist_entry', column: 'youth_ref' }];

  async erase(em: EntityManager, youthRef: string): Promise<ErasureCounts> {
    const entries = (await em.query(
      `SELECT waitlist_entry_id AS id FROM waitlist_entry WHERE youth_ref = $1 FOR UPDATE`,
      [youthRef],
    )) as { id: string }[];
    if (entries.length === 0) return { waitlist_entry: 0, bridging_offer: 0 };
    const ids = entries.map((e) => e.id);
    await em.query(
      `UPDATE waitlist_entry SET status = 'ended', exit_reason = $2, exited_at = now(), next_match_at = NULL,
         updated_at = now() WHERE waitlist_entry_id = ANY ($1::text[]) AND status <> ALL ($3::text[])`,
      [ids, ERASED, KEPT_STATUSES],
    );
    const offers = await rowsAffected(
      em,
      `UPDATE bridging_offer SET status = 'withdrawn', reason = $2, decided_at = now(), release_pending = false
          WHERE waitlist_entry_id = ANY ($1::text[]) AND status = 'open'`,
      [ids, ERASED],
    );
    return { waitlist_entry: await anonymiseEntries(em, ids, erasedMarker()), bridging_offer: offers };
  }
}

/**
 * Retention of waitlist entries that ended (the youngster left the list, or was erased) longer
 * than RETENTION_WAITLIST_ENTRY ago: anonymised like an erasure, each with its own marker.
 */
@Injectable()
export class BridgingRetention implements RetentionAnonymiser {
  async anonymiseExpired(em: EntityManager, now: Date, policy: RetentionPolicy): Promise<ErasureCounts> {
    const cutoff = retentionCutoff(now, policy.waitlistEntry);
    const entries = (await em.query(
      `SELECT waitlist_entry_id AS id FROM waitlist_entry
        WHERE status = 'ended' AND coalesce(exited_at, updated_at) < $1 AND ${notErasedSql('youth_ref')}
        ORDER BY coalesce(exited_at, updated_at) LIMIT 1000 FOR UPDATE SKIP LOCKED`,
      [cutoff],
    )) as { id: string }[];
    let anonymised = 0;
    for (const { id } of entries) anonymised += await anonymiseEntries(em, [id], erasedMarker());
    return { waitlist_entry: anonymised };
  }
}

/**
 * Keeps what the measures need (municipality, age, care category, the times and the status) and
 * drops the rest: the youthRef becomes the marker; the postcode, interests and consent details go;
 * and the intake system's own entry id, which that system could link back to the youngster, is
 * replaced by a random one (a copy under the new id, the offers moved to it, the old row deleted:
 * the offers' foreign key does not cascade updates). Returns the entries anonymised.
 */
async function anonymiseEntries(em: EntityManager, ids: string[], marker: string): Promise<number> {
  const columns = (
    (await em.query(
      `SELECT column_name AS name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = 'waitlist_entry' ORDER BY ordinal_position`,
    )) as { name: string }[]
  ).map((c) => c.name);
  const replaced: Record<string, string> = {
    waitlist_entry_id: '$2',
    youth_ref: '$3',
    postcode4: `'0000'`,
    interests: `'{}'::text[]`,
    consent: 'NULL',
    updated_at: 'now()',
  };
  const list = columns.map((c) => `"${c}"`).join(', ');
  const values = columns.map((c) => replaced[c] ?? `"${c}"`).join(', ');
  let done = 0;
  for (const id of ids) {
    const newId = erasedMarker();
    await em.query(
      `INSERT INTO waitlist_entry (${list}) SELECT ${values} FROM waitlist_entry WHERE waitlist_entry_id = $1`,
      [id, newId, marker],
    );
    await em.query(`UPDATE bridging_offer SET waitlist_entry_id = $2 WHERE waitlist_entry_id = $1`, [
      id,
      newId,
    ]);
    done += await rowsAffected(em, `DELETE FROM waitlist_entry WHERE waitlist_entry_id = $1`, [id]);
  }
  return done;
}
