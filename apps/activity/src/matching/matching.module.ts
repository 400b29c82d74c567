import { Module } from '@nestjs/common';
import { MatchingController } from './matching.controller';
import { FindCandidates } from './usecases/find-candidates/find-candidates.usecase';

@Module({ controllers: [MatchingController], providers: [FindCandidates], exports: [FindCandidates] })
export class MatchingModule {}
