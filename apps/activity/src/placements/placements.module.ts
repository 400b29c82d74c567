import { Module } from '@nestjs/common';
import { MatchingModule } from '../matching/matching.module';
import { HoldSweeper } from './hold-sweeper';
import { PlacementsController } from './placements.controller';
import { ChangePlacement } from './usecases/change-placement/change-placement.usecase';
import { HoldBestSeats } from './usecases/hold-best-seats/hold-best-seats.usecase';
import { HoldPlacement } from './usecases/hold-placement/hold-placement.usecase';
import { RecordAttendance } from './usecases/record-attendance/record-attendance.usecase';
import { ReleaseExpiredHolds } from './usecases/release-expired-holds/release-expired-holds.usecase';
import { SummariseAttendance } from './usecases/summarise-attendance/summarise-attendance.usecase';

@Module({
  imports: [MatchingModule],
  controllers: [PlacementsController],
  providers: [
    HoldPlacement,
    HoldBestSeats,
    ChangePlacement,
    RecordAttendance,
    SummariseAttendance,
    ReleaseExpiredHolds,
    HoldSweeper,
  ],
})
export class PlacementsModule {}
