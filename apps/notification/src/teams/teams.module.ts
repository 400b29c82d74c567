import { Module } from '@nestjs/common';
import { TeamEventsController } from './team-events.controller';

/** The teams that exist, from the activity service's team events. */
@Module({ controllers: [TeamEventsController] })
export class TeamsModule {}
