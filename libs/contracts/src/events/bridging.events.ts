import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { TOPICS } from '../topics';
import { IsOneOf, IsRecordId, IsShortCode, IsTimestamp } from './common';
import { IsAgeYears, IsMunicipalityCode, IsYouthRef } from './youth-profile';
import { WAITLIST_EXIT_REASONS } from './waitlist.events';

/** Outbound events of the waitlist-bridging service on samenspel.bridging.v1, keyed by youthRef, so the intake system can close the loop. */
export const BRIDGING_EVENT_TYPES = {
  offered: 'nl.samenspel.bridging.offered.v1',
  accepted: 'nl.samenspel.bridging.accepted.v1',
  declined: 'nl.samenspel.bridging.declined.v1',
  expired: 'nl.samenspel.bridging.expired.v1',
  offerWithdrawn: 'nl.samenspel.bridging.offer-withdrawn.v1',
  queued: 'nl.samenspel.bridging.queued.v1',
  noMatch: 'nl.samenspel.bridging.no-match.v1',
  consentMissing: 'nl.samenspel.bridging.consent-missing.v1',
  ended: 'nl.samenspel.bridging.ended.v1',
} as const;

class EntryRef {
  @IsRecordId() waitlistEntryId!: string;
  @IsYouthRef() youthRef!: string;
}

export class BridgingOfferedData extends EntryRef {
  @IsRecordId() offerId!: string;
  @IsRecordId() activityId!: string;
  @IsRecordId() teamId!: string;
  @IsTimestamp() expiresAt!: string;
  /** 1 for the first offer to this youngster, up to 3. */
  @IsInt() @Min(1) @Max(3) rank!: number;
  /** Context for the team's task: the title of the activity, never free text about the youngster. */
  @IsOptional() @IsShortCode(200) activityTitle?: string;
  @IsOptional() @IsMunicipalityCode() municipalityCode?: string;
}

export class BridgingOfferOutcomeData extends EntryRef {
  @IsRecordId() offerId!: string;
  @IsRecordId() activityId!: string;
  @IsRecordId() teamId!: string;
  @IsOptional() @IsRecordId() placementId?: string;
  /** A reason code (declined, withdrawn), from a documented vocabulary. */
  @IsOptional() @IsShortCode(64) reason?: string;
}

export class BridgingQueuedData extends EntryRef {
  @IsMunicipalityCode() municipalityCode!: string;
}

export class BridgingNoMatchData extends EntryRef {
  @IsShortCode(64) reason!: string;
}

export class BridgingConsentMissingData extends EntryRef {
  @IsAgeYears() ageYears!: number;
  @IsShortCode(64) reason!: string;
}

export class BridgingEndedData extends EntryRef {
  @IsOneOf(WAITLIST_EXIT_REASONS) reason!: string;
  /** With care-started: the accepted placement goes on, and this team agrees the next step with the care provider. */
  @IsBoolean() placementContinues!: boolean;
  @IsOptional() @IsRecordId() teamId?: string;
  @IsOptional() @IsRecordId() activityId?: string;
  @IsOptional() @IsInt() @Min(0) @Max(104) weeksBridged?: number;
  @IsOptional() @IsTimestamp() endedAt?: string;
}

export const BRIDGING_CONTRACT_LIST = (
  [
    [BRIDGING_EVENT_TYPES.offered, BridgingOfferedData],
    [BRIDGING_EVENT_TYPES.accepted, BridgingOfferOutcomeData],
    [BRIDGING_EVENT_TYPES.declined, BridgingOfferOutcomeData],
    [BRIDGING_EVENT_TYPES.expired, BridgingOfferOutcomeData],
    [BRIDGING_EVENT_TYPES.offerWithdrawn, BridgingOfferOutcomeData],
    [BRIDGING_EVENT_TYPES.queued, BridgingQueuedData],
    [BRIDGING_EVENT_TYPES.noMatch, BridgingNoMatchData],
    [BRIDGING_EVENT_TYPES.consentMissing, BridgingConsentMissingData],
    [BRIDGING_EVENT_TYPES.ended, BridgingEndedData],
  ] as const
).map(([type, dataClass]) => ({ type, topic: TOPICS.bridging, dataClass: dataClass as new () => object }));
