import { StateConflict } from './domain-error';

/** A dead letter already resolved, or past its retention, can be neither replayed nor resolved again. */
export class DeadLetterResolved extends StateConflict {
  constructor(detail: string) {
    super('dead-letter-resolved', detail);
  }
}

/**
 * A dead letter whose fields outside the contract were redacted holds a record that is no longer
 * the one sent, so it cannot be replayed: the sender sends it again without those fields.
 */
export class DeadLetterRedacted extends StateConflict {
  constructor(detail: string) {
    super('dead-letter-redacted', detail);
  }
}
