import type { Principal } from '@samenspel/http';

export class SetTeamContactsCommand {
  readonly principal!: Principal;
  readonly teamId!: string;
  /** The team's shared inbox: new tasks and reminders; none for no such e-mail. */
  readonly teamEmail?: string;
  /** Escalations and disabled webhooks; without it they go to the team's inbox. */
  readonly teamLeadEmail?: string;

  constructor(fields: SetTeamContactsCommand) {
    Object.assign(this, fields);
  }
}
