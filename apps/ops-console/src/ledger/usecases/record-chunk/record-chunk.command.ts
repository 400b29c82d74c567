import type { IncomingMessage } from '@samenspel/messaging';

export class RecordChunkCommand {
  /** The id of the cluster the records were read from: with a record's coordinates, its ledger key. */
  readonly clusterId!: string;
  /** Records of one partition, in offset order. */
  readonly records!: readonly IncomingMessage[];
  /** Asked before each run of records after the first (see RecordChunk): false stops there. */
  readonly shouldContinue?: () => boolean;

  constructor(fields: RecordChunkCommand) {
    Object.assign(this, fields);
  }
}
