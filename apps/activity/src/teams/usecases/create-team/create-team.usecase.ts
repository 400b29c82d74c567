import { Injectable } from '@nestjs/common';
import { Outbox } from '@samenspel/messaging';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { teamEvent } from '../../team.events';
import type { Team } from '../../team.entity';
import { TeamsRepository } from '../../teams.repository';
import type { CreateTeamCommand } from './create-team.command';

/** Registers a team and announces it (team.created), so other services can route by municipality. */
@Injectable()
export class CreateTeam {
  constructor(
    private readonly dataSource: DataSource,
    private readonly teams: TeamsRepository,
    private readonly outbox: Outbox,
  ) {}

  execute(command: CreateTeamCommand): Promise<Team> {
    return this.dataSource.transaction(async (em) => {
      const team = await this.teams.insert(em, {
        id: randomUUID(),
        name: command.name,
        organisation: command.organisation,
        municipalityCodes: [...new Set(command.municipalityCodes)],
      });
      await this.outbox.append(em, [teamEvent('created', team)]);
      return team;
    });
  }
}
