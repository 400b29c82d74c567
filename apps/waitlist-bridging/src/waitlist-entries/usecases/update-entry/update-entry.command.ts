import type { WaitlistUpdatedData } from '@samenspel/contracts';

export class UpdateEntryCommand {
  readonly data!: WaitlistUpdatedData;

  constructor(fields: UpdateEntryCommand) {
    Object.assign(this, fields);
  }
}
