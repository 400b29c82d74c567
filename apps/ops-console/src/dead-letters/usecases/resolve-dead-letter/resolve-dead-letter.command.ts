import type { Principal } from '@samenspel/http';

export class ResolveDeadLetterCommand {
  /** Who resolves it: kept in the dead letter's audit trail. */
  readonly principal!: Principal;
  readonly id!: string;
  /** Why it needs no replay: free text, stored encrypted and never shown. */
  readonly note!: string;

  constructor(fields: ResolveDeadLetterCommand) {
    Object.assign(this, fields);
  }
}
