import { Module } from '@nestjs/common';
import { MatchingController } from './matching.controller';
import { FindCandidates } from './usecases/find-candidates/find-candidates.usecase';

@Module({ controllers: [MatchingController], providers: [FindCandidates] })
export class MatchingModule {}
