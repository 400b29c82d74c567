import type { Principal } from '@samenspel/http';

export class PatchTaskCommand {
  readonly referralId!: string;
  /** The request body: a JSON Patch of the Task, checked by the use case. */
  readonly patch!: unknown;
  /** From If-Match; without it, the version the patch was applied to. */
  readonly expectedVersion?: number;
  readonly principal!: Principal;

  constructor(fields: PatchTaskCommand) {
    Object.assign(this, fields);
  }
}
