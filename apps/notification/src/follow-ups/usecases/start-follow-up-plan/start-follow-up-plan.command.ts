export class StartFollowUpPlanCommand {
  /** The referral handed over: its steps are scheduled once, however often it arrives. */
  readonly referralId!: string;
  readonly teamId!: string;
  readonly youthRef!: string;
  /** Picks the municipality's plan; without one, or without a plan of its own, the default. */
  readonly municipalityCode?: string;
  /** The handover, from which every step's moment is counted. */
  readonly start!: Date;

  constructor(fields: StartFollowUpPlanCommand) {
    Object.assign(this, fields);
  }
}
