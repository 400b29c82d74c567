import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
  IsObject,
} from 'class-validator';
import { IsRecordId, IsTimestamp } from './common';
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

  @IsString()
  @Length(1, 64)
  careCategory!: string;

  @IsInt()
  @Min(0)
  @Max(104)
  expectedWaitWeeks!: number;

  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
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
  @IsInt()
  @Min(0)
  @Max(104)
  expectedWaitWeeks?: number;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
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
