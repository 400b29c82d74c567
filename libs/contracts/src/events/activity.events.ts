import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { TOPICS } from '../topics';
import { IsOneOf, IsRecordId, IsShortCode, IsTimestamp, IsWordList } from './common';
import { YouthVoice } from './task.events';
import { IsAgeYears, IsMunicipalityCode, IsPostcode4, IsYouthRef } from './youth-profile';

/** Events of the activity service on samenspel.activity.v1. Team and activity events are keyed by their id, placement and attendance events by youthRef. */
export const ACTIVITY_EVENT_TYPES = {
  teamCreated: 'nl.samenspel.team.created.v1',
  teamUpdated: 'nl.samenspel.team.updated.v1',
  activityPublished: 'nl.samenspel.activity.published.v1',
  activityUpdated: 'nl.samenspel.activity.updated.v1',
  activityClosed: 'nl.samenspel.activity.closed.v1',
  placementHeld: 'nl.samenspel.placement.held.v1',
  placementConfirmed: 'nl.samenspel.placement.confirmed.v1',
  placementReleased: 'nl.samenspel.placement.released.v1',
  placementCancelled: 'nl.samenspel.placement.cancelled.v1',
  placementCompleted: 'nl.samenspel.placement.completed.v1',
  attendanceRecorded: 'nl.samenspel.attendance.recorded.v1',
} as const;

export const ACTIVITY_KINDS = ['group', 'individual', 'online', 'internship'] as const;
export const ACTIVITY_STATUSES = ['draft', 'open', 'paused', 'closed'] as const;
export const ATTENDANCE_STATUSES = ['present', 'absent', 'excused'] as const;

export class TeamData {
  @IsRecordId() teamId!: string;
  @IsShortCode(200) name!: string;
  @IsShortCode(200) organisation!: string;
  @IsArray() @ArrayMaxSize(50) @IsMunicipalityCode({ each: true }) municipalityCodes!: string[];
}

/** The public face of an activity: enough for other services to match and to show a title. */
export class ActivityData {
  @IsRecordId() activityId!: string;
  @IsRecordId() teamId!: string;
  @IsShortCode(200) title!: string;
  @IsOneOf(ACTIVITY_KINDS) kind!: string;
  @IsWordList(20) themes!: string[];
  @IsInt() @Min(4) @Max(23) minAge!: number;
  @IsInt() @Min(4) @Max(23) maxAge!: number;
  @IsMunicipalityCode() municipalityCode!: string;
  @IsPostcode4() postcode4!: string;
  @IsInt() @Min(0) capacity!: number;
  /** Free seats right now: capacity - held - confirmed. */
  @IsInt() @Min(0) available!: number;
  @IsOneOf(ACTIVITY_STATUSES) status!: string;
}

export class ActivityClosedData {
  @IsRecordId() activityId!: string;
  @IsRecordId() teamId!: string;
  @IsOptional() @IsShortCode(64) reason?: string;
}

export class PlacementData {
  @IsRecordId() placementId!: string;
  @IsRecordId() activityId!: string;
  @IsRecordId() teamId!: string;
  @IsYouthRef() youthRef!: string;
  /** Set on held: when the tentative seat lapses. */
  @IsOptional() @IsTimestamp() expiresAt?: string;
  /** The caller's idempotency reference (a bridging offer id, a referral id). */
  @IsOptional() @IsRecordId() reference?: string;
  @IsOptional() @IsShortCode(64) reason?: string;
  /** Free seats on the activity after this change: a freed seat shows here, so queues can re-match. */
  @IsInt() @Min(0) available!: number;
}

/** A completed placement: the youngster's own view of it, when the worker recorded one. */
export class PlacementCompletedData extends PlacementData {
  /** The same view as at a follow-up step (YouthVoice): a 1-5 score and what helped, never free text. */
  @IsOptional() @IsObject() @ValidateNested() @Type(() => YouthVoice) youthVoice?: YouthVoice;
}

export class AttendanceData {
  @IsRecordId() placementId!: string;
  @IsRecordId() activityId!: string;
  @IsRecordId() teamId!: string;
  @IsYouthRef() youthRef!: string;
  @IsString() @Length(10, 10) sessionDate!: string;
  @IsOneOf(ATTENDANCE_STATUSES) status!: string;
}

/** Matching support (HTTP, activity service): a query and its ranked, explained candidates. */
export class CandidateQuery {
  @IsAgeYears() ageYears!: number;
  @IsPostcode4() postcode4!: string;
  @IsMunicipalityCode() municipalityCode!: string;
  @IsWordList() interests!: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(200) @IsRecordId({ each: true }) excludeActivityIds?: string[];
  @IsOptional() @IsInt() @Min(1) @Max(50) limit?: number;
}

export class CandidateScore {
  ageFit!: number;
  interestOverlap!: number;
  proximity!: number;
  total!: number;
}

export class Candidate {
  activityId!: string;
  teamId!: string;
  title!: string;
  available!: number;
  rank!: number;
  @ValidateNested() @Type(() => CandidateScore) score!: CandidateScore;
  explanation!: string[];
}

export const ACTIVITY_CONTRACT_LIST = [
  [ACTIVITY_EVENT_TYPES.teamCreated, TeamData],
  [ACTIVITY_EVENT_TYPES.teamUpdated, TeamData],
  [ACTIVITY_EVENT_TYPES.activityPublished, ActivityData],
  [ACTIVITY_EVENT_TYPES.activityUpdated, ActivityData],
  [ACTIVITY_EVENT_TYPES.activityClosed, ActivityClosedData],
  [ACTIVITY_EVENT_TYPES.placementHeld, PlacementData],
  [ACTIVITY_EVENT_TYPES.placementConfirmed, PlacementData],
  [ACTIVITY_EVENT_TYPES.placementReleased, PlacementData],
  [ACTIVITY_EVENT_TYPES.placementCancelled, PlacementData],
  [ACTIVITY_EVENT_TYPES.placementCompleted, PlacementCompletedData],
  [ACTIVITY_EVENT_TYPES.attendanceRecorded, AttendanceData],
].map(([type, dataClass]) => ({
  type: type as string,
  topic: TOPICS.activity,
  dataClass: dataClass as new () => object,
}));
