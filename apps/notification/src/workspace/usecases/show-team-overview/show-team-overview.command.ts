import type { Principal } from '@samenspel/http';

export class ShowTeamOverviewCommand {
  /** A team-lead: the overview is of their own team. */
  readonly principal!: Principal;
  /** The lead's own token: each owner shows what it shows this lead. */
  readonly bearerToken!: string;
  /** The moment from which a task counts as overdue. */
  readonly now!: Date;

  constructor(fields: ShowTeamOverviewCommand) {
    Object.assign(this, fields);
  }
}
