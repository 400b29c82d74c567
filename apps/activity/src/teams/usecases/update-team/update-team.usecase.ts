import { Injectable } from '@nestjs/common';
import { TeamNotFound } from '@samenspel/contracts';
import type { UnitOfWork } from '@samenspel/messaging';
import type { Team } from '../../team.entity';
import { teamEvent } from '../../team.events';
import { TeamsRepository } from '../../teams.repository';
import type { UpdateTeamCommand } from './update-team.command';

/** Changes a team and announces it (team.updated). */
@Injectable()
export class UpdateTeam {
  constructor(private readonly teams: TeamsRepository) {}

  async execute(command: UpdateTeamCommand, uow: UnitOfWork): Promise<Team> {
    const current = await this.teams.lock(uow.em, command.teamId);
    if (!current) throw new TeamNotFound();
    const { name, organisation, municipalityCodes } = command.changes;
    const team = await this.teams.update(uow.em, {
      ...current,
      name: name ?? current.name,
      organisation: organisation ?? current.organisation,
      municipalityCodes: municipalityCodes ? [...new Set(municipalityCodes)] : current.municipalityCodes,
    });
    await uow.publish(teamEvent('updated', team));
    return team;
  }
}
