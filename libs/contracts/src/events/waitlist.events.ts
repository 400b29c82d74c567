import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min, ValidateNested, IsObject } from 'class-validator';
import { IsRecordId, IsShortCode, IsTimestamp, IsWordList } from './common';
import { ConsentDto } from './consent.dto';
import { IsAgeYears, IsMunicipalityCode, IsPostcode4, IsYouthRef } from './youth-profile';

export const WAITLIST_EVENT_TYPES = {
  entered: 'nl.jeugdzorg.waitlist.entered.v1',
  updated: 'nl.jeugdzorg.waitlist.updated.v1',
  exited: 'nl.jeugdzorg.waitlist.exited.v1',
} as const;

/**
 * Why a youngster left the waiting list. `care-no-longer-needed`: the need for care passed while
 * they waited (the impact counts it as prevention when the youngster was bridged).
 */
export const WAITLIST_EXIT_REASONS = [
  'care-started',
  'withdrawn',
  'moved',
  'other',
  'care-no-longer-needed',
] as const;
export type WaitlistExitReason = (typeof WAITLIST_EXIT_REASONS)[number];

// `waitlistEntryId` is globally unique: intake systems prefix it with their own code. It is a record
// id like every other (letters, digits and `_.:-`, 1-64), so it can travel on in our own events.

/** The expected wait for care, in whole weeks: at most two years. */
const IsWaitWeeks = () => applyDecorators(IsInt(), Min(0), Max(104));

export class WaitlistEnteredData {
  @IsRecordId()
  waitlistEntryId!: string;

  @IsYouthRef()
  youthRef!: string;

  @IsAgeYears()
  ageYears!: number;

  @IsPostcode4()
  postcode4!: string;

  @IsMunicipalityCode()
  municipalityCode!: string;

  @IsShortCode()
  careCategory!: string;

  @IsWaitWeeks()
  expectedWaitWeeks!: number;

  @IsWordList()
  interests!: string[];

  @IsObject()
  @ValidateNested()
  @Type(() => ConsentDto)
  consent!: ConsentDto;

  @IsTimestamp()
  enteredAt!: string;
}

export class WaitlistUpdatedData {
  @IsRecordId()
  waitlistEntryId!: string;

  @IsYouthRef()
  youthRef!: string;

  @IsOptional()
  @IsAgeYears()
  ageYears?: number;

  @IsOptional()
  @IsPostcode4()
  postcode4?: string;

  @IsOptional()
  @IsMunicipalityCode()
  municipalityCode?: string;

  @IsOptional()
  @IsWaitWeeks()
  expectedWaitWeeks?: number;

  @IsOptional()
  @IsWordList()
  interests?: string[];

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ConsentDto)
  consent?: ConsentDto;
}

export class WaitlistExitedData {
  @IsRecordId()
  waitlistEntryId!: string;

  @IsYouthRef()
  youthRef!: string;

  @IsIn(WAITLIST_EXIT_REASONS)
  reason!: WaitlistExitReason;

  @IsTimestamp()
  exitedAt!: string;
}
