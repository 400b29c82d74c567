export class UpdateTeamCommand {
  readonly teamId!: string;
  readonly changes!: { name?: string; organisation?: string; municipalityCodes?: string[] };

  constructor(fields: UpdateTeamCommand) {
    Object.assign(this, fields);
  }
}
