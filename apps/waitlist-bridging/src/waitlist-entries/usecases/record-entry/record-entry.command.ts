import type { WaitlistEnteredData } from '@samenspel/contracts';

export class RecordEntryCommand {
  readonly data!: WaitlistEnteredData;
  /** The intake system (CloudEvents source). */
  readonly source!: string;

  constructor(fields: RecordEntryCommand) {
    Object.assign(this, fields);
  }
}
