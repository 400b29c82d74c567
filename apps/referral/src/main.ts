import { runService } from '@samenspel/bootstrap';
import { Referrals1764806400000 } from './migrations/1764806400000-referrals';
import { ReferralConfig } from './referral-config';
import { ReferralEntity, ReferralStatusChangeEntity } from './referrals/referral.entity';
import { ReferralsModule } from './referrals/referrals.module';
import { TeamEntity } from './teams/team.entity';

// Port 3001: referrals and handovers between youth care and youth work (voor, tijdens, na).
void runService({
  name: 'referral',
  config: ReferralConfig,
  imports: (config) => [ReferralsModule.forRoot(config)],
  entities: [ReferralEntity, ReferralStatusChangeEntity, TeamEntity],
  migrations: [Referrals1764806400000],
});
