import { PRIVACY_EVENT_TYPES } from '@samenspel/contracts';
import type { EntityManager } from 'typeorm';
import { rowsAffected, type ErasureCounts } from './erasure.ports';

/**
 * Removes a youngster from the messaging core tables of a service database. `outbox_event` keeps
 * whole CloudEvents (keyed by youthRef) for three days after sending, and unsent ones until the
 * relay gets to them: every row keyed by the youthRef or carrying it anywhere in its payload or
 * headers is deleted, sent or not (an unsent event about an erased youngster has no one left to
 * inform). `inbox_event` holds only (consumer, source, event id, coordinates): nothing to erase.
 */
export async function eraseFromMessagingCore(em: EntityManager, youthRef: string): Promise<ErasureCounts> {
  const deleted = await rowsAffected(
    em,
    `DELETE FROM outbox_event
      WHERE event_key = $1 OR aggregate_id = $1
         OR strpos(payload::text, $1) > 0 OR strpos(headers::text, $1) > 0`,
    [youthRef],
  );
  return { outbox_event: deleted };
}

/**
 * Our own erasure confirmation is the last outbox row that names the youngster. Once it has come
 * back from the broker it was published, so its row goes (the relay's later "mark sent" then
 * touches nothing). Confirmations of earlier requests that were sent meanwhile go too.
 */
export async function forgetSentConfirmation(
  em: EntityManager,
  eventId: string,
  youthRef: string,
): Promise<number> {
  return rowsAffected(
    em,
    `DELETE FROM outbox_event
      WHERE event_type = $3 AND event_key = $2 AND (event_id::text = $1 OR sent_at IS NOT NULL)`,
    [eventId, youthRef, PRIVACY_EVENT_TYPES.erased],
  );
}
