import { Injectable } from '@nestjs/common';
import { TeamNotFound } from '@samenspel/contracts';
import { Outbox } from '@samenspel/messaging';
import { DataSource } from 'typeorm';
import { teamEvent } from '../../team.events';
import type { Team } from '../../team.entity';
import { TeamsRepository } from '../../teams.repository';
import type { UpdateTeamCommand } from './update-team.command';

/** Changes a team and announces it (team.updated). */
@Injectable()
export class UpdateTeam {
  constructor(
    private readonly dataSource: DataSource,
    private readonly teams: TeamsRepository,
    private readonly outbox: Outbox,
  ) {}

  execute(command: UpdateTeamCommand): Promise<Team> {
    return this.dataSource.transaction(async (em) => {
      const current = await this.teams.lock(em, command.teamId);
      if (!current) throw new TeamNotFound(command.teamId);
      const { name, organisation, municipalityCodes } = command.changes;
      const team = await this.teams.update(em, {
        ...current,
        name: name ?? current.name,
        organisation: organisation ?? current.organisation,
        municipalityCodes: municipalityCodes ? [...new Set(municipalityCodes)] : current.municipalityCodes,
      });
      await this.outbox.append(em, [teamEvent('updated', team)]);
      return team;
    });
  }
}
