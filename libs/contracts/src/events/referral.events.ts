import { Type } from 'class-transformer';
import { IsBoolean, IsOptional, ValidateNested, IsObject } from 'class-validator';
import { TOPICS } from '../topics';
import { IsOneOf, IsRecordId, IsShortCode, IsTimestamp, IsWordList } from './common';
import { ConsentDto } from './consent.dto';
import { IsAgeYears, IsMunicipalityCode, IsPostcode4, IsYouthRef } from './youth-profile';

/** Referrals between youth care and youth work: the jeugdzorg side's events and ours. */
export const REFERRAL_EVENT_TYPES = {
  // inbound, from intake systems
  trajectoryEnded: 'nl.jeugdzorg.trajectory.ended.v1',
  careReferralRequested: 'nl.jeugdzorg.referral.requested.v1',
  careReferralAccepted: 'nl.jeugdzorg.referral.accepted.v1',
  careReferralRejected: 'nl.jeugdzorg.referral.rejected.v1',
  // outbound, from the referral service
  created: 'nl.samenspel.referral.created.v1',
  statusChanged: 'nl.samenspel.referral.status-changed.v1',
  requested: 'nl.samenspel.referral.requested.v1',
  consentMissing: 'nl.samenspel.referral.consent-missing.v1',
  warmHandoverPlanned: 'nl.samenspel.referral.warm-handover-planned.v1',
  warmHandoverRecorded: 'nl.samenspel.referral.warm-handover-recorded.v1',
  /** A referral created while no team served its municipality, given a team when one appeared. */
  routed: 'nl.samenspel.referral.routed.v1',
} as const;

export const REFERRAL_DIRECTIONS = ['care-to-youth-work', 'youth-work-to-care'] as const;
export const REFERRAL_PHASES = ['before', 'during', 'after'] as const;
export const REFERRAL_REASONS = [
  'leisure',
  'talent',
  'social-network',
  'structure',
  'group-support',
  'aftercare',
  'toeleiding',
  'other',
] as const;
/** FHIR Task status, as the Gravity closed-loop referral guide uses it. */
export const REFERRAL_STATUSES = [
  'requested',
  'accepted',
  'rejected',
  'in-progress',
  'on-hold',
  'cancelled',
  'completed',
  'failed',
] as const;
export const REFERRAL_OUTCOMES = [
  'engaged-in-activity',
  'internship-or-work-found',
  'help-found',
  'declined',
  'unreachable',
  'other',
] as const;

export class PartyDto {
  @IsShortCode(200) organisation!: string;
  @IsShortCode(64) role!: string;
}

export class CareProviderDto {
  @IsShortCode(200) organisation!: string;
}

class YouthProfile {
  @IsYouthRef() youthRef!: string;
  @IsAgeYears() ageYears!: number;
  @IsPostcode4() postcode4!: string;
  @IsMunicipalityCode() municipalityCode!: string;
}

export class TrajectoryEndedData extends YouthProfile {
  @IsRecordId() trajectoryId!: string;
  @IsTimestamp() endedAt!: string;
  /** iJw JZ588 end reason code, e.g. "31" (volgens plan). */
  @IsShortCode(4) endReason!: string;
  @IsBoolean() followUpWanted!: boolean;
  @IsWordList() interests!: string[];
  @IsObject() @ValidateNested() @Type(() => ConsentDto) consent!: ConsentDto;
  @IsObject() @ValidateNested() @Type(() => CareProviderDto) careProvider!: CareProviderDto;
}

export class CareReferralRequestedData extends YouthProfile {
  @IsRecordId() referralId!: string;
  @IsOneOf(REFERRAL_REASONS) reason!: string;
  @IsWordList() interests!: string[];
  @IsObject() @ValidateNested() @Type(() => ConsentDto) consent!: ConsentDto;
  @IsObject() @ValidateNested() @Type(() => PartyDto) requestedBy!: PartyDto;
}

export class CareReferralAnswerData {
  @IsRecordId() referralId!: string;
  @IsYouthRef() youthRef!: string;
  @IsShortCode(64) reason!: string;
}

export class ReferralCreatedData extends YouthProfile {
  @IsRecordId() referralId!: string;
  @IsOneOf(REFERRAL_DIRECTIONS) direction!: string;
  @IsOneOf(REFERRAL_PHASES) phase!: string;
  @IsOneOf(REFERRAL_REASONS) reason!: string;
  @IsWordList() themes!: string[];
  @IsOneOf(REFERRAL_STATUSES) status!: string;
  @IsOptional() @IsRecordId() receivingTeamId?: string;
  @IsOptional() @IsShortCode(200) receivingOrganisation?: string;
  @IsObject() @ValidateNested() @Type(() => PartyDto) referredBy!: PartyDto;
}

export class ReferralStatusChangedData {
  @IsRecordId() referralId!: string;
  @IsYouthRef() youthRef!: string;
  @IsOneOf(REFERRAL_PHASES) phase!: string;
  @IsOneOf(REFERRAL_STATUSES) from!: string;
  @IsOneOf(REFERRAL_STATUSES) to!: string;
  @IsOptional() @IsShortCode(64) reasonCode?: string;
  @IsOptional() @IsOneOf(REFERRAL_OUTCOMES) outcome?: string;
  @IsOptional() @IsRecordId() receivingTeamId?: string;
  @IsTimestamp() changedAt!: string;
}

/** Youth work to youth care (toeleiding): for the intake systems. */
export class ReferralRequestedData extends YouthProfile {
  @IsRecordId() referralId!: string;
  @IsOneOf(REFERRAL_REASONS) reason!: string;
  @IsObject() @ValidateNested() @Type(() => PartyDto) requestedBy!: PartyDto;
  @IsOptional() @IsShortCode(200) receivingOrganisation?: string;
}

export class ReferralConsentMissingData {
  @IsYouthRef() youthRef!: string;
  @IsOptional() @IsRecordId() trajectoryId?: string;
  @IsOptional() @IsRecordId() referralId?: string;
  @IsShortCode(64) reason!: string;
}

export class WarmHandoverPlannedData {
  @IsRecordId() referralId!: string;
  @IsYouthRef() youthRef!: string;
  @IsRecordId() teamId!: string;
  @IsTimestamp() proposedAt!: string;
  /** Who takes part, by role: never names. */
  @IsWordList(10) participantRoles!: string[];
}

/** Whether the planned warm handover took place, as the team recorded it. */
export class WarmHandoverRecordedData {
  @IsRecordId() referralId!: string;
  @IsYouthRef() youthRef!: string;
  @IsRecordId() teamId!: string;
  /** The meeting this outcome is about (the warm-handover-planned it answers). */
  @IsTimestamp() proposedAt!: string;
  @IsBoolean() tookPlace!: boolean;
  @IsTimestamp() recordedAt!: string;
}

export const REFERRAL_CONTRACT_LIST = [
  { type: REFERRAL_EVENT_TYPES.trajectoryEnded, topic: TOPICS.trajectory, dataClass: TrajectoryEndedData },
  {
    type: REFERRAL_EVENT_TYPES.careReferralRequested,
    topic: TOPICS.jeugdzorgReferral,
    dataClass: CareReferralRequestedData,
  },
  {
    type: REFERRAL_EVENT_TYPES.careReferralAccepted,
    topic: TOPICS.jeugdzorgReferral,
    dataClass: CareReferralAnswerData,
  },
  {
    type: REFERRAL_EVENT_TYPES.careReferralRejected,
    topic: TOPICS.jeugdzorgReferral,
    dataClass: CareReferralAnswerData,
  },
  { type: REFERRAL_EVENT_TYPES.created, topic: TOPICS.referral, dataClass: ReferralCreatedData },
  { type: REFERRAL_EVENT_TYPES.statusChanged, topic: TOPICS.referral, dataClass: ReferralStatusChangedData },
  { type: REFERRAL_EVENT_TYPES.requested, topic: TOPICS.referral, dataClass: ReferralRequestedData },
  {
    type: REFERRAL_EVENT_TYPES.consentMissing,
    topic: TOPICS.referral,
    dataClass: ReferralConsentMissingData,
  },
  {
    type: REFERRAL_EVENT_TYPES.warmHandoverPlanned,
    topic: TOPICS.referral,
    dataClass: WarmHandoverPlannedData,
  },
  { type: REFERRAL_EVENT_TYPES.routed, topic: TOPICS.referral, dataClass: ReferralCreatedData },
  {
    type: REFERRAL_EVENT_TYPES.warmHandoverRecorded,
    topic: TOPICS.referral,
    dataClass: WarmHandoverRecordedData,
  },
] as { type: string; topic: string; dataClass: new () => object }[];
