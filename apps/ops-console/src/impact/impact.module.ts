import { Module } from '@nestjs/common';
import { ImpactController } from './impact.controller';
import { ReportImpact } from './usecases/report-impact/report-impact.usecase';

/** The impact per municipality and month, as JSON and CSV. */
@Module({
  controllers: [ImpactController],
  providers: [ReportImpact],
})
export class ImpactModule {}
