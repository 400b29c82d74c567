import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ACTIVITY_KINDS,
  ACTIVITY_STATUSES,
  IsMunicipalityCode,
  IsOneOf,
  IsPostcode4,
  IsShortCode,
  IsWordList,
} from '@samenspel/contracts';
import { FlagQuery, IntegerQuery, OneOfQuery, PageOf } from '@samenspel/http';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_AGE, MIN_AGE } from '../../domain/age-range';
import { availableSeats } from '../../domain/capacity';
import { AgeQuery } from '../../shared/query-fields';
import { THEMES } from '../../domain/themes';

/** An age bound of an activity: whole years within the band youth work serves. */
const IsActivityAge = () => applyDecorators(IsInt(), Min(MIN_AGE), Max(MAX_AGE));
import { matchFactsOf, type Activity } from '../activity.entity';

const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

export class ScheduleSlotDto {
  @ApiProperty({ enum: DAYS, example: 'WE' }) @IsIn(DAYS) day!: string;
  @ApiProperty({ example: '15:30' }) @Matches(TIME, { message: '$property must be HH:MM' }) start!: string;
  @ApiProperty({ example: '17:00' }) @Matches(TIME, { message: '$property must be HH:MM' }) end!: string;
}

export class WeeklyScheduleDto {
  @ApiPropertyOptional({
    example: 'FREQ=WEEKLY;BYDAY=WE;BYHOUR=15;BYMINUTE=30',
    description: 'RFC 5545 RRULE (weekly)',
  })
  @IsOptional()
  @MaxLength(500)
  @Matches(/^(RRULE:)?FREQ=WEEKLY(;[A-Z]+=[A-Z0-9,+-]+)*$/, {
    message: '$property must be a weekly RFC 5545 RRULE',
  })
  rrule?: string;

  @ApiPropertyOptional({ type: [ScheduleSlotDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(14)
  @ValidateNested({ each: true })
  @Type(() => ScheduleSlotDto)
  slots?: ScheduleSlotDto[];
}

/** The writable fields; themes are checked against the vocabulary by the use case (field `themes`). */
export class CreateActivityDto {
  @ApiProperty() @IsUUID() teamId!: string;
  @ApiProperty({ example: 'Voetbal op het Cruyff Court' }) @IsShortCode(200) title!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) description?: string;
  @ApiProperty({ enum: ACTIVITY_KINDS }) @IsOneOf(ACTIVITY_KINDS) kind!: string;
  @ApiProperty({ example: ['sport', 'outdoor'], description: `From the vocabulary: ${THEMES.join(', ')}` })
  @IsWordList()
  @ArrayNotEmpty()
  themes!: string[];
  @ApiProperty({ minimum: MIN_AGE, maximum: MAX_AGE }) @IsActivityAge() minAge!: number;
  @ApiProperty({ minimum: MIN_AGE, maximum: MAX_AGE }) @IsActivityAge() maxAge!: number;
  @ApiProperty({ example: 'GM0344' }) @IsMunicipalityCode() municipalityCode!: string;
  @ApiProperty({ example: '3562' }) @IsPostcode4() postcode4!: string;
  @ApiPropertyOptional() @IsOptional() @IsShortCode(200) locationName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) accessibilityNotes?: string;
  @ApiProperty({ type: WeeklyScheduleDto })
  @ValidateNested()
  @Type(() => WeeklyScheduleDto)
  schedule!: WeeklyScheduleDto;
  @ApiProperty({ minimum: 0, maximum: 10000 }) @IsInt() @Min(0) @Max(10000) capacity!: number;
  @ApiProperty({ example: 'jongerenwerker', description: 'A role to contact, never a person' })
  @IsShortCode(100)
  contactRole!: string;
}

export class UpdateActivityDto {
  @ApiPropertyOptional() @IsOptional() @IsShortCode(200) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) description?: string;
  @ApiPropertyOptional({ enum: ACTIVITY_KINDS }) @IsOptional() @IsOneOf(ACTIVITY_KINDS) kind?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsWordList()
  @ArrayNotEmpty()
  themes?: string[];
  @ApiPropertyOptional() @IsOptional() @IsActivityAge() minAge?: number;
  @ApiPropertyOptional() @IsOptional() @IsActivityAge() maxAge?: number;
  @ApiPropertyOptional() @IsOptional() @IsMunicipalityCode() municipalityCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsPostcode4() postcode4?: string;
  @ApiPropertyOptional() @IsOptional() @IsShortCode(200) locationName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) accessibilityNotes?: string;
  @ApiPropertyOptional({ type: WeeklyScheduleDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => WeeklyScheduleDto)
  schedule?: WeeklyScheduleDto;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(10000) capacity?: number;
  @ApiPropertyOptional() @IsOptional() @IsShortCode(100) contactRole?: string;
}

export class CloseActivityDto {
  @ApiPropertyOptional({
    example: 'season-ended',
    description: 'A reason code; required when the activity has active placements',
  })
  @IsOptional()
  @IsShortCode(64)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, {
    message: '$property must be a code such as season-ended (no spaces)',
  })
  reason?: string;
}

const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : value;

export class ListActivitiesQuery {
  @AgeQuery('Only activities whose age band includes this age')
  age?: number;
  @ApiPropertyOptional() @IsOptional() @IsMunicipalityCode() municipalityCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsPostcode4() postcode4?: string;
  @ApiPropertyOptional({
    description: 'Comma-separated; an activity matches when it has any of them',
    example: 'sport,music',
  })
  @IsOptional()
  @Transform(toList)
  @IsWordList(20)
  themes?: string[];
  @FlagQuery({ description: 'Only activities with at least one free seat' })
  withFreeSeats?: boolean;
  @OneOfQuery(ACTIVITY_STATUSES) status?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() teamId?: string;
  @IntegerQuery({ min: 1, max: 100, default: 20 }) limit?: number;
  @IntegerQuery({ min: 0, default: 0 }) offset?: number;
}

export class CapacityView {
  @ApiProperty() capacity!: number;
  @ApiProperty() held!: number;
  @ApiProperty() confirmed!: number;
  @ApiProperty() available!: number;
}

export class ActivityView {
  @ApiProperty() id!: string;
  @ApiProperty() teamId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: ACTIVITY_KINDS }) kind!: string;
  @ApiProperty({ type: [String] }) themes!: string[];
  @ApiProperty() minAge!: number;
  @ApiProperty() maxAge!: number;
  @ApiProperty() municipalityCode!: string;
  @ApiProperty() postcode4!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) locationName!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) accessibilityNotes!: string | null;
  @ApiProperty({ type: WeeklyScheduleDto }) schedule!: WeeklyScheduleDto;
  @ApiProperty() contactRole!: string;
  @ApiProperty({ type: CapacityView, description: 'Live: held + confirmed <= capacity' })
  capacity!: CapacityView;
  @ApiProperty({ enum: ACTIVITY_STATUSES }) status!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) closeReason!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;

  static of(a: Activity): ActivityView {
    return {
      id: a.id,
      teamId: a.teamId,
      title: a.title,
      description: a.description,
      ...matchFactsOf(a),
      locationName: a.locationName,
      accessibilityNotes: a.accessibilityNotes,
      schedule: a.schedule,
      contactRole: a.contactRole,
      capacity: { capacity: a.capacity, held: a.held, confirmed: a.confirmed, available: availableSeats(a) },
      status: a.status,
      closeReason: a.closeReason,
      createdAt: a.createdAt.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
    };
  }
}

export class ActivityPage extends PageOf(ActivityView) {}
