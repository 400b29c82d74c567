import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ACTIVITY_EVENT_TYPES, type CloudEvent, type TeamData } from '@samenspel/contracts';
import { OnCloudEvent, type EventContext } from '@samenspel/messaging';
import { TeamsRepository } from './teams.repository';

/** Keeps the local read model of teams (who serves which municipality) for routing. */
@Controller()
export class TeamEventsController {
  constructor(@Inject(TeamsRepository) private readonly teams: TeamsRepository) {}

  @OnCloudEvent(ACTIVITY_EVENT_TYPES.teamCreated)
  onTeamCreated(@Payload() event: CloudEvent<TeamData>, @Ctx() ctx: EventContext): Promise<void> {
    return this.teams.upsert(ctx.em, event.data);
  }

  @OnCloudEvent(ACTIVITY_EVENT_TYPES.teamUpdated)
  onTeamUpdated(@Payload() event: CloudEvent<TeamData>, @Ctx() ctx: EventContext): Promise<void> {
    return this.teams.upsert(ctx.em, event.data);
  }
}
