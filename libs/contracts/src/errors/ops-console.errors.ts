import { StateConflict } from './domain-error';

/** A dead letter already resolved, or past its retention, can be neither replayed nor resolved again. */
export class DeadLetterResolved extends StateConflict {
  constructor(detail: string) {
    super('dead-letter-resolved', detail);
  }
}
