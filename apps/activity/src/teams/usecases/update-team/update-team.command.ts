export class UpdateTeamCommand {
  constructor(
    readonly teamId: string,
    readonly changes: { name?: string; organisation?: string; municipalityCodes?: string[] },
  ) {}
}
