import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@samenspel/messaging';
import { effectiveTeam } from '../../../tasks/team-access';
import { TeamContactsRepository } from '../../team-contacts.repository';
import type { SetTeamContactsCommand } from './set-team-contacts.command';

/** Sets the addresses a team gets e-mail at, replacing both; a team-lead sets their own team's only. */
@Injectable()
export class SetTeamContacts {
  constructor(private readonly contacts: TeamContactsRepository) {}

  async execute(command: SetTeamContactsCommand, uow: UnitOfWork): Promise<void> {
    effectiveTeam(command.principal, command.teamId);
    await this.contacts.upsert(uow.em, {
      teamId: command.teamId,
      teamEmail: command.teamEmail ?? null,
      teamLeadEmail: command.teamLeadEmail ?? null,
    });
  }
}
