import { Module } from '@nestjs/common';
import { TeamEventsController } from './team-events.controller';
import { TeamsRepository } from './teams.repository';

@Module({ controllers: [TeamEventsController], providers: [TeamsRepository], exports: [TeamsRepository] })
export class TeamsModule {}
