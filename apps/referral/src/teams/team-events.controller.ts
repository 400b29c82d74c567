import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ACTIVITY_EVENT_TYPES, type CloudEvent, type TeamData } from '@samenspel/contracts';
import { OnCloudEvent, type EventContext } from '@samenspel/messaging';
import { RouteWaitingReferralsCommand } from '../referrals/usecases/route-waiting-referrals/route-waiting-referrals.command';
import { RouteWaitingReferrals } from '../referrals/usecases/route-waiting-referrals/route-waiting-referrals.usecase';
import { TeamsRepository } from './teams.repository';

/**
 * Keeps the local read model of teams (who serves which municipality) for routing, and routes the
 * referrals that waited for a team in the municipalities a team now serves.
 */
@Controller()
export class TeamEventsController {
  constructor(
    private readonly teams: TeamsRepository,
    private readonly routeWaitingReferrals: RouteWaitingReferrals,
  ) {}

  @OnCloudEvent(ACTIVITY_EVENT_TYPES.teamCreated)
  onTeamCreated(@Payload() event: CloudEvent<TeamData>, @Ctx() ctx: EventContext): Promise<void> {
    return this.teamServes(event.data, ctx);
  }

  @OnCloudEvent(ACTIVITY_EVENT_TYPES.teamUpdated)
  onTeamUpdated(@Payload() event: CloudEvent<TeamData>, @Ctx() ctx: EventContext): Promise<void> {
    return this.teamServes(event.data, ctx);
  }

  private async teamServes(team: TeamData, ctx: EventContext): Promise<void> {
    await this.teams.upsert(ctx.em, team);
    const command = new RouteWaitingReferralsCommand({ municipalityCodes: team.municipalityCodes });
    await this.routeWaitingReferrals.execute(command, ctx);
  }
}
