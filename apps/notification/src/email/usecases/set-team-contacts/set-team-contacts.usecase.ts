import { Injectable } from '@nestjs/common';
import { TeamNotFound } from '@samenspel/contracts';
import type { UnitOfWork } from '@samenspel/messaging';
import { effectiveTeam } from '../../../tasks/team-access';
import { TeamsRepository } from '../../../teams/teams.repository';
import { TeamContactsRepository } from '../../team-contacts.repository';
import type { SetTeamContactsCommand } from './set-team-contacts.command';

/**
 * Sets the addresses a team gets e-mail at, replacing both; a team-lead sets their own team's
 * only, and a team the activity service never announced has none (404).
 */
@Injectable()
export class SetTeamContacts {
  constructor(
    private readonly contacts: TeamContactsRepository,
    private readonly teams: TeamsRepository,
  ) {}

  async execute(command: SetTeamContactsCommand, uow: UnitOfWork): Promise<void> {
    effectiveTeam(command.principal, command.teamId);
    if (!(await this.teams.exists(uow.em, command.teamId))) throw new TeamNotFound();
    await this.contacts.upsert(uow.em, {
      teamId: command.teamId,
      teamEmail: command.teamEmail ?? null,
      teamLeadEmail: command.teamLeadEmail ?? null,
    });
  }
}
