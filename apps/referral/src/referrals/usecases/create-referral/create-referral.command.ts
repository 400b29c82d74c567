import type { ConsentGiver } from '@samenspel/contracts';
import type { Actor } from '../../actor';
import type { ReferralOrigin } from '../../referral.entity';

export class CreateReferralCommand {
  readonly origin!: ReferralOrigin;
  /** trajectoryId or the care system's referralId: a second event for it creates nothing. */
  readonly externalRef?: string;
  readonly direction!: 'care-to-youth-work' | 'youth-work-to-care';
  readonly phase!: 'before' | 'during' | 'after';
  readonly youthRef!: string;
  readonly ageYears!: number;
  readonly postcode4!: string;
  readonly municipalityCode!: string;
  readonly reason!: string;
  readonly themes!: string[];
  readonly note?: string;
  readonly consent!: { youthWork: boolean; givenBy: ConsentGiver; givenAt: string };
  readonly referredBy!: { organisation: string; role: string };
  readonly referringTeamId?: string;
  readonly receivingOrganisation?: string;
  readonly actor!: Actor;

  constructor(fields: CreateReferralCommand) {
    Object.assign(this, fields);
  }
}
