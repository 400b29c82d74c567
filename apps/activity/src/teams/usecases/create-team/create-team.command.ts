export class CreateTeamCommand {
  constructor(
    readonly name: string,
    readonly organisation: string,
    readonly municipalityCodes: string[],
  ) {}
}
