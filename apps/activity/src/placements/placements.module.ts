import { Module } from '@nestjs/common';
import { HoldSweeper } from './hold-sweeper';
import { PlacementsController } from './placements.controller';
import { ChangePlacement } from './usecases/change-placement/change-placement.usecase';
import { HoldPlacement } from './usecases/hold-placement/hold-placement.usecase';
import { RecordAttendance } from './usecases/record-attendance/record-attendance.usecase';

@Module({
  controllers: [PlacementsController],
  providers: [HoldPlacement, ChangePlacement, RecordAttendance, HoldSweeper],
})
export class PlacementsModule {}
