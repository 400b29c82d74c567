import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ACTIVITY_EVENT_TYPES, type CloudEvent, type TeamData } from '@samenspel/contracts';
import { OnCloudEvent, type EventContext } from '@samenspel/messaging';
import { TeamsRepository } from './teams.repository';

/** Follows which teams exist, as the activity service announces them. */
@Controller()
export class TeamEventsController {
  constructor(private readonly teams: TeamsRepository) {}

  @OnCloudEvent(ACTIVITY_EVENT_TYPES.teamCreated)
  onTeamCreated(@Payload() event: CloudEvent<TeamData>, @Ctx() ctx: EventContext): Promise<void> {
    return this.teams.remember(ctx.em, event.data.teamId);
  }

  @OnCloudEvent(ACTIVITY_EVENT_TYPES.teamUpdated)
  onTeamUpdated(@Payload() event: CloudEvent<TeamData>, @Ctx() ctx: EventContext): Promise<void> {
    return this.teams.remember(ctx.em, event.data.teamId);
  }
}
