import { Body, Controller, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Audited, fromParam } from '@samenspel/audit';
import { CurrentPrincipal, Roles, UuidParam, type Principal } from '@samenspel/http';
import { UnitsOfWork } from '@samenspel/messaging';
import { TeamContactBody } from './dto/team-contact.dto';
import { SetTeamContactsCommand } from './usecases/set-team-contacts/set-team-contacts.command';
import { SetTeamContacts } from './usecases/set-team-contacts/set-team-contacts.usecase';

// Documented with the webhooks: both are how a team hears of its tasks outside the inbox.
@ApiTags('webhooks')
@ApiBearerAuth('bearer')
@Controller()
export class TeamContactsController {
  constructor(
    private readonly units: UnitsOfWork,
    private readonly setTeamContacts: SetTeamContacts,
  ) {}

  @Put('teams/:teamId/contacts')
  @Roles('team-lead', 'admin')
  @Audited({ action: 'update', resource: 'team-contact', id: fromParam('teamId') })
  @ApiOkResponse({ type: TeamContactBody })
  @ApiOperation({ summary: "Set a team's e-mail addresses for task notices" })
  async putContacts(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('teamId') teamId: string,
    @Body() body: TeamContactBody,
  ): Promise<TeamContactBody> {
    const command = new SetTeamContactsCommand({
      principal,
      teamId,
      teamEmail: body.teamEmail,
      teamLeadEmail: body.teamLeadEmail,
    });
    await this.units.run((uow) => this.setTeamContacts.execute(command, uow));
    return body;
  }
}
