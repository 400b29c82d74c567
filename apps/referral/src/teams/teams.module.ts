import { Module } from '@nestjs/common';
import { TeamsRepository } from './teams.repository';

/** The teams read model; its event handler routes waiting referrals, so the referrals module hosts it. */
@Module({ providers: [TeamsRepository], exports: [TeamsRepository] })
export class TeamsModule {}
