export class RouteWaitingReferralsCommand {
  /** The municipalities a team was created or updated for. */
  readonly municipalityCodes!: readonly string[];

  constructor(fields: RouteWaitingReferralsCommand) {
    Object.assign(this, fields);
  }
}
