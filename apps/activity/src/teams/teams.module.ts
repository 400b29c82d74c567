import { Module } from '@nestjs/common';
import { TeamsController } from './teams.controller';
import { CreateTeam } from './usecases/create-team/create-team.usecase';
import { UpdateTeam } from './usecases/update-team/update-team.usecase';

@Module({
  controllers: [TeamsController],
  providers: [CreateTeam, UpdateTeam],
})
export class TeamsModule {}
