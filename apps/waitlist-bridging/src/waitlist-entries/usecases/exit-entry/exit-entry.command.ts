import type { WaitlistExitedData } from '@samenspel/contracts';

export class ExitEntryCommand {
  readonly data!: WaitlistExitedData;

  constructor(fields: ExitEntryCommand) {
    Object.assign(this, fields);
  }
}
