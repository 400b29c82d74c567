import { Module, type DynamicModule } from '@nestjs/common';
import { TeamsModule } from '../teams/teams.module';
import { FhirController } from './fhir.controller';
import { PatchTask } from './usecases/patch-task/patch-task.usecase';

/** FHIR R4 under /fhir, over the referrals feature's repository and use cases (the module given). */
@Module({})
export class FhirModule {
  static over(referrals: DynamicModule): DynamicModule {
    return {
      module: FhirModule,
      imports: [referrals, TeamsModule],
      controllers: [FhirController],
      providers: [PatchTask],
    };
  }
}
