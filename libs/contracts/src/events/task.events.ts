import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { TOPICS } from '../topics';
import { IsOneOf, IsRecordId, IsShortCode, IsTimestamp } from './common';
import { IsYouthRef } from './youth-profile';

/** Task lifecycle of the notification service on samenspel.task.v1, keyed by youthRef. */
export const TASK_EVENT_TYPES = {
  created: 'nl.samenspel.task.created.v1',
  claimed: 'nl.samenspel.task.claimed.v1',
  completed: 'nl.samenspel.task.completed.v1',
  cancelled: 'nl.samenspel.task.cancelled.v1',
  overdue: 'nl.samenspel.task.overdue.v1',
} as const;

export const TASK_TYPES = [
  'bridging-offer',
  'handover-intake',
  'referral-intake',
  'warm-handover',
  'care-started',
  'follow-up',
  'webhook-disabled',
] as const;

/** Outcomes a team records when it completes a follow-up step; they move the referral's status. */
export const FOLLOW_UP_OUTCOMES = [
  'reached',
  'not-reached',
  'engaged-in-activity',
  'internship-or-work-found',
  'declined',
] as const;

/**
 * Why a youngster said no to a bridging offer, recorded by the team when it completes the offer's
 * task with outcome `declined`: the `reason` of that task.completed, and of the offer's decline.
 */
export const OFFER_DECLINE_REASONS = [
  'no-interest',
  'not-reached',
  'not-suitable',
  'family-declined',
] as const;

/** What helped, in the youngster's own view: the only words a youth voice may hold (docs/impact.md). */
export const YOUTH_VOICE_HELPED = [
  'someone-to-talk-to',
  'group',
  'activity',
  'practical-help',
  'school-or-work',
] as const;

/**
 * The youngster's own view, recorded by the worker when completing a follow-up step: a score from
 * 1 (not at all) to 5 (very much) and what helped, from YOUTH_VOICE_HELPED. Never free text.
 */
export class YouthVoice {
  @IsInt() @Min(1) @Max(5) score!: number;
  @IsArray()
  @ArrayMaxSize(YOUTH_VOICE_HELPED.length)
  @IsIn(YOUTH_VOICE_HELPED, { each: true })
  helped!: string[];
}

export class TaskEventData {
  @IsRecordId() taskId!: string;
  @IsRecordId() teamId!: string;
  @IsOneOf(TASK_TYPES) type!: string;
  @IsYouthRef() youthRef!: string;
  @IsTimestamp() dueAt!: string;
  @IsOptional() @IsRecordId() referralId?: string;
  @IsOptional() @IsRecordId() offerId?: string;
  @IsOptional() @IsRecordId() activityId?: string;
  /** For follow-up steps: which step of the plan (first-contact, check-in-2w, check-in-3m…). */
  @IsOptional() @IsShortCode(64) step?: string;
  @IsOptional() @IsShortCode(64) outcome?: string;
  /** Cancelled: why (offer-declined, duplicate…). Completed as a declined bridging offer: an OFFER_DECLINE_REASONS code. */
  @IsOptional() @IsShortCode(64) reason?: string;
  @IsOptional() @IsTimestamp() at?: string;
  /** Completed follow-up steps only, when the worker recorded the youngster's own view. */
  @IsOptional() @IsObject() @ValidateNested() @Type(() => YouthVoice) youthVoice?: YouthVoice;
}

export const TASK_CONTRACT_LIST = Object.values(TASK_EVENT_TYPES).map((type) => ({
  type: type as string,
  topic: TOPICS.task,
  dataClass: TaskEventData as new () => object,
}));
