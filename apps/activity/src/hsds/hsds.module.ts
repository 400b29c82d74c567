import { Module } from '@nestjs/common';
import { HsdsController } from './hsds.controller';
import { GetService } from './usecases/get-service/get-service.usecase';
import { ListServices } from './usecases/list-services/list-services.usecase';

/** The published catalogue as Open Referral HSDS 3.0, under /hsds. */
@Module({
  controllers: [HsdsController],
  providers: [ListServices, GetService],
})
export class HsdsModule {}
