import type { Principal } from '@samenspel/http';

export class RecordWarmHandoverOutcomeCommand {
  readonly principal!: Principal;
  readonly referralId!: string;
  readonly tookPlace!: boolean;
  readonly expectedVersion?: number;

  constructor(fields: RecordWarmHandoverOutcomeCommand) {
    Object.assign(this, fields);
  }
}
