import { Module } from '@nestjs/common';
import { TeamEventsController } from './team-events.controller';
import { TeamRepository } from './team.repository';

@Module({ controllers: [TeamEventsController], providers: [TeamRepository], exports: [TeamRepository] })
export class TeamsModule {}
