import type { StuckRule } from '../../../domain/stuck-rules';

export class ListStuckFlowsCommand {
  /** The moment the rules are applied at. */
  readonly now!: Date;
  /** Only the flows this rule flags; the counts per rule are of every rule. */
  readonly rule?: StuckRule;

  constructor(fields: ListStuckFlowsCommand) {
    Object.assign(this, fields);
  }
}
