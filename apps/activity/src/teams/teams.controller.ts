import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Audited, firstOf, fromParam, fromResult } from '@samenspel/audit';
import { TeamNotFound } from '@samenspel/contracts';
import { Roles, UuidParam, ProblemResponses } from '@samenspel/http';
import { UnitsOfWork } from '@samenspel/messaging';
import { DataSource } from 'typeorm';
import { CreateTeamDto, ListTeamsQuery, TeamPage, TeamView, UpdateTeamDto } from './dto/team.dto';
import { TeamsRepository } from './teams.repository';
import { CreateTeamCommand } from './usecases/create-team/create-team.command';
import { CreateTeam } from './usecases/create-team/create-team.usecase';
import { UpdateTeamCommand } from './usecases/update-team/update-team.command';
import { UpdateTeam } from './usecases/update-team/update-team.usecase';

@ApiTags('teams')
@Controller('teams')
export class TeamsController {
  constructor(
    private readonly createTeam: CreateTeam,
    private readonly updateTeam: UpdateTeam,
    private readonly teams: TeamsRepository,
    private readonly units: UnitsOfWork,
    private readonly dataSource: DataSource,
  ) {}

  @Post()
  @Roles('admin')
  @Audited({ action: 'create', resource: 'team', id: fromResult('id') })
  @ApiCreatedResponse({ type: TeamView })
  @ApiOperation({ summary: 'Create a team' })
  async create(@Body() body: CreateTeamDto): Promise<TeamView> {
    const command = new CreateTeamCommand({
      name: body.name,
      organisation: body.organisation,
      municipalityCodes: body.municipalityCodes,
    });
    return TeamView.of(await this.units.run((uow) => this.createTeam.execute(command, uow)));
  }

  @Patch(':teamId')
  @Roles('admin')
  @Audited({ action: 'update', resource: 'team', id: firstOf(fromParam('teamId'), fromResult('id')) })
  @HttpCode(200)
  @ApiOkResponse({ type: TeamView })
  @ApiOperation({ summary: 'Change a team' })
  @ProblemResponses(404)
  async update(@UuidParam('teamId') teamId: string, @Body() body: UpdateTeamDto): Promise<TeamView> {
    const command = new UpdateTeamCommand({ teamId, changes: body });
    return TeamView.of(await this.units.run((uow) => this.updateTeam.execute(command, uow)));
  }

  @Get()
  @ApiOkResponse({ type: TeamPage })
  @ApiOperation({ summary: 'List the teams' })
  async list(@Query() query: ListTeamsQuery): Promise<TeamPage> {
    const { limit, offset } = query;
    const page = await this.teams.list(this.dataSource.manager, {
      municipalityCode: query.municipalityCode,
      limit,
      offset,
    });
    return { items: page.items.map(TeamView.of), total: page.total, limit, offset };
  }

  @Get(':teamId')
  @ApiOkResponse({ type: TeamView })
  @ApiOperation({ summary: 'Read a team' })
  @ProblemResponses(404)
  async get(@UuidParam('teamId') teamId: string): Promise<TeamView> {
    const team = await this.teams.find(this.dataSource.manager, teamId);
    if (!team) throw new TeamNotFound();
    return TeamView.of(team);
  }
}
