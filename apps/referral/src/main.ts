import { runService, type ServiceDefinition } from '@samenspel/bootstrap';
import { ErasureModule, ErasureTombstones1767225600000, parseRetentionPeriod } from '@samenspel/erasure';
import { Referrals1764806400000 } from './migrations/1764806400000-referrals';
import { ReferralEraser, ReferralRetention } from './privacy/referral-privacy';
import { ReferralConfig } from './config/referral.config';
import { ReferralEntity, ReferralStatusChangeEntity } from './referrals/referral.entity';
import { FhirModule } from './fhir/fhir.module';
import { ReferralsModule } from './referrals/referrals.module';
import { TeamEntity } from './teams/team.entity';

// Port 3001: referrals and handovers between youth care and youth work (voor, tijdens, na).
export const REFERRAL_SERVICE: ServiceDefinition<ReferralConfig> = {
  name: 'referral',
  config: ReferralConfig,
  imports: (config) => {
    const referrals = ReferralsModule.forRoot(config);
    return [
      referrals,
      FhirModule.over(referrals),
      ErasureModule.forService({
        service: 'referral',
        eraser: ReferralEraser,
        anonymiser: ReferralRetention,
        policy: { referral: parseRetentionPeriod(config.RETENTION_REFERRAL) },
        sweepIntervalMs: config.RETENTION_SWEEP_INTERVAL_MS,
      }),
    ];
  },
  // FHIR keeps its own base, /fhir, outside the REST API's prefix.
  unprefixedRoutes: ['fhir/{*path}'],
  entities: [ReferralEntity, ReferralStatusChangeEntity, TeamEntity],
  migrations: [Referrals1764806400000, ErasureTombstones1767225600000],
};

if (require.main === module) void runService(REFERRAL_SERVICE);
