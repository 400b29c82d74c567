export class CreateTeamCommand {
  readonly name!: string;
  readonly organisation!: string;
  /** CBS codes such as GM0344. */
  readonly municipalityCodes!: string[];

  constructor(fields: CreateTeamCommand) {
    Object.assign(this, fields);
  }
}
