import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CONSENT_GIVERS, IsShortCode } from '@samenspel/contracts';
import { entryTimeline } from '../../domain/entry-timeline';
import type { WaitlistEntry } from '../../waitlist-entries/waitlist-entry.entity';
import { OFFER_STATUSES } from '../../domain/bridging-lifecycle';
import type { BridgingOffer } from '../bridging-offer.entity';

export class OfferView {
  @ApiProperty({ format: 'uuid' }) offerId!: string;
  @ApiProperty() activityId!: string;
  @ApiProperty() teamId!: string;
  @ApiProperty({ minimum: 1, maximum: 3 }) rank!: number;
  @ApiProperty({ enum: OFFER_STATUSES }) status!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiPropertyOptional() activityTitle?: string;
  @ApiPropertyOptional() reason?: string;

  static of(o: BridgingOffer): OfferView {
    return {
      offerId: o.offerId,
      activityId: o.activityId,
      teamId: o.teamId,
      rank: o.rank,
      status: o.status,
      expiresAt: o.expiresAt.toISOString(),
      ...(o.activityTitle && { activityTitle: o.activityTitle }),
      ...(o.reason && { reason: o.reason }),
    };
  }
}

export class DeclineOfferDto {
  @ApiProperty({
    example: 'not-interested',
    description: 'A reason code, never free text about the youngster',
  })
  @IsShortCode(64)
  reason!: string;
}

/** The youngster as the entry knows them: the fields that travel between services, no more. */
export class OfferYoungsterView {
  @ApiProperty() ageYears!: number;
  @ApiProperty() postcode4!: string;
  @ApiProperty() municipalityCode!: string;
  @ApiProperty({ type: [String], description: 'The interests (theme words) the match used' })
  interests!: string[];
  @ApiPropertyOptional({ enum: CONSENT_GIVERS, description: 'Who gave consent for youth work' })
  consentGivenBy?: string;
}

export class TimelineMomentView {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ enum: ['entered', 'offered', 'accepted', 'declined', 'expired', 'withdrawn', 'exited'] })
  event!: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 3 }) rank?: number;
  @ApiPropertyOptional({ description: 'A reason code, never free text' }) reason?: string;
}

/** An offer as its owning team reads it: the hold, the youngster's profile and their flow in bridging. */
export class OfferDetailView extends OfferView {
  @ApiProperty({ type: OfferYoungsterView }) youngster!: OfferYoungsterView;
  @ApiProperty({ type: [TimelineMomentView] }) timeline!: TimelineMomentView[];

  static detail(o: BridgingOffer, entry: WaitlistEntry, offers: readonly BridgingOffer[]): OfferDetailView {
    return {
      ...OfferView.of(o),
      youngster: {
        ageYears: entry.ageYears,
        postcode4: entry.postcode4,
        municipalityCode: entry.municipalityCode,
        interests: entry.interests,
        ...(entry.consent?.givenBy && { consentGivenBy: entry.consent.givenBy }),
      },
      timeline: entryTimeline(entry, offers),
    };
  }
}
