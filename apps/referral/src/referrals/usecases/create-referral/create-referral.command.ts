import type { ConsentGiver } from '@samenspel/contracts';
import type { Actor } from '../../actor';
import type { ReferralOrigin } from '../../referral.entity';

export interface CreateReferralCommand {
  origin: ReferralOrigin;
  /** trajectoryId or the care system's referralId: a second event for it creates nothing. */
  externalRef?: string;
  direction: 'care-to-youth-work' | 'youth-work-to-care';
  phase: 'before' | 'during' | 'after';
  youthRef: string;
  ageYears: number;
  postcode4: string;
  municipalityCode: string;
  reason: string;
  themes: string[];
  note?: string;
  consent: { youthWork: boolean; givenBy: ConsentGiver; givenAt: string };
  referredBy: { organisation: string; role: string };
  referringTeamId?: string;
  receivingOrganisation?: string;
  actor: Actor;
}
