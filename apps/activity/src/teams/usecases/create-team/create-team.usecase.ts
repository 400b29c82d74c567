import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@samenspel/messaging';
import { randomUUID } from 'node:crypto';
import type { Team } from '../../team.entity';
import { teamEvent } from '../../team.events';
import { TeamsRepository } from '../../teams.repository';
import type { CreateTeamCommand } from './create-team.command';

/** Registers a team and announces it (team.created), so other services can route by municipality. */
@Injectable()
export class CreateTeam {
  constructor(private readonly teams: TeamsRepository) {}

  async execute(command: CreateTeamCommand, uow: UnitOfWork): Promise<Team> {
    const team = await this.teams.insert(uow.em, {
      id: randomUUID(),
      name: command.name,
      organisation: command.organisation,
      municipalityCodes: [...new Set(command.municipalityCodes)],
    });
    await uow.publish(teamEvent('created', team));
    return team;
  }
}
