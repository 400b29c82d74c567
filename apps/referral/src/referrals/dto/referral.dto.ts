import { FlagQuery, OneOfQuery, PageQuery } from '@samenspel/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CONSENT_CLOCK_TOLERANCE_SECONDS,
  CONSENT_GIVERS,
  IsAgeYears,
  IsConsentGivenAt,
  IsMunicipalityCode,
  IsPostcode4,
  IsTimestamp,
  IsWordList,
  IsYouthRef,
  type ConsentGiver,
  REFERRAL_DIRECTIONS,
  REFERRAL_OUTCOMES,
  REFERRAL_PHASES,
  REFERRAL_REASONS,
  REFERRAL_STATUSES,
  TIMESTAMP_MAX_LENGTH,
  YOUTH_REF_PATTERN,
} from '@samenspel/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { REFERRAL_REASON_CODES } from '../../domain/referral-state-machine';

export class ConsentBody {
  @ApiProperty() @IsBoolean() youthWork!: boolean;
  @ApiProperty({ enum: CONSENT_GIVERS }) @IsIn(CONSENT_GIVERS) givenBy!: ConsentGiver;
  @ApiProperty({
    format: 'date-time',
    maxLength: TIMESTAMP_MAX_LENGTH,
    description: `No later than now plus ${CONSENT_CLOCK_TOLERANCE_SECONDS} s`,
  })
  @IsConsentGivenAt()
  givenAt!: string;
}

export class CreateReferralBody {
  @ApiProperty({ enum: REFERRAL_DIRECTIONS })
  @IsIn(REFERRAL_DIRECTIONS)
  direction!: (typeof REFERRAL_DIRECTIONS)[number];

  @ApiProperty({ enum: REFERRAL_PHASES })
  @IsIn(REFERRAL_PHASES)
  phase!: (typeof REFERRAL_PHASES)[number];

  @ApiProperty({ pattern: YOUTH_REF_PATTERN.source })
  @IsYouthRef()
  youthRef!: string;

  @ApiProperty({ minimum: 0, maximum: 27 })
  @IsAgeYears()
  ageYears!: number;

  @ApiProperty({ example: '3581' })
  @IsPostcode4()
  postcode4!: string;

  @ApiProperty({ example: 'GM0344' })
  @IsMunicipalityCode()
  municipalityCode!: string;

  @ApiProperty({ enum: REFERRAL_REASONS })
  @IsIn(REFERRAL_REASONS)
  reason!: string;

  @ApiProperty({ type: [String], description: 'Requested support: theme words, at most 10' })
  @IsWordList()
  themes!: string[];

  @ApiPropertyOptional({ maxLength: 500, description: 'Stored encrypted; never sent in events' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;

  @ApiProperty({ type: ConsentBody })
  @IsObject()
  @ValidateNested()
  @Type(() => ConsentBody)
  consent!: ConsentBody;

  @ApiPropertyOptional({
    description: "The referrer's role, e.g. care-worker; defaults to the caller's role",
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  referredByRole?: string;

  @ApiPropertyOptional({ description: 'For youth-work-to-care: the care organisation asked, if known' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  receivingOrganisation?: string;
}

export class TransitionBody {
  @ApiProperty({ enum: REFERRAL_STATUSES })
  @IsIn(REFERRAL_STATUSES)
  to!: (typeof REFERRAL_STATUSES)[number];

  @ApiPropertyOptional({
    enum: REFERRAL_REASON_CODES,
    description: 'Required for rejected, cancelled and failed',
  })
  @IsOptional()
  @IsIn(REFERRAL_REASON_CODES)
  reasonCode?: string;

  @ApiPropertyOptional({ enum: REFERRAL_OUTCOMES, description: 'Required for completed' })
  @IsOptional()
  @IsIn(REFERRAL_OUTCOMES)
  outcome?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class WarmHandoverBody {
  @ApiProperty({ format: 'date-time', maxLength: TIMESTAMP_MAX_LENGTH })
  @IsTimestamp()
  proposedAt!: string;

  @ApiProperty({ type: [String], example: ['care-worker', 'youth-worker', 'youth'] })
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Matches(/^[a-z][a-z-]{0,63}$/, { each: true, message: 'participantRoles are role words, never names' })
  participantRoles!: string[];
}

export class WarmHandoverOutcomeBody {
  @ApiProperty()
  @IsBoolean()
  tookPlace!: boolean;
}

export class ListReferralsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsYouthRef() youthRef?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() teamId?: string;
  @OneOfQuery(REFERRAL_STATUSES) status?: string;
  @OneOfQuery(REFERRAL_PHASES) phase?: string;
  @OneOfQuery(REFERRAL_DIRECTIONS) direction?: string;
  @FlagQuery({ description: 'Only referrals to youth work that no team serves (ops/admin)' })
  unrouted?: boolean;
}

export class StatusChangeView {
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES, nullable: true }) from!: string | null;
  @ApiProperty({ enum: REFERRAL_STATUSES }) to!: string;
  @ApiPropertyOptional({ nullable: true }) reasonCode!: string | null;
  @ApiPropertyOptional({ nullable: true }) outcome!: string | null;
  @ApiPropertyOptional({ description: 'Only for callers allowed to see notes' }) note?: string;
  @ApiProperty() actorRole!: string;
  @ApiProperty() actorRef!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class WarmHandoverView {
  @ApiProperty({ format: 'date-time' }) proposedAt!: string;
  @ApiProperty({ type: [String] }) participantRoles!: string[];
  @ApiProperty({ format: 'date-time' }) plannedAt!: string;
  @ApiPropertyOptional() tookPlace?: boolean;
  @ApiPropertyOptional({ format: 'date-time' }) recordedAt?: string;
}

export class ReferralView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: REFERRAL_DIRECTIONS }) direction!: string;
  @ApiProperty({ enum: REFERRAL_PHASES }) phase!: string;
  @ApiProperty() youthRef!: string;
  @ApiProperty() ageYears!: number;
  @ApiProperty() postcode4!: string;
  @ApiProperty() municipalityCode!: string;
  @ApiProperty({ enum: REFERRAL_REASONS }) reason!: string;
  @ApiProperty({ type: [String] }) themes!: string[];
  @ApiPropertyOptional({ description: 'Only on GET by id, and only for callers allowed to see notes' })
  note?: string;
  @ApiProperty({ type: ConsentBody }) consent!: { youthWork: boolean; givenBy: string; givenAt: string };
  @ApiProperty() referredBy!: { organisation: string; role: string };
  @ApiPropertyOptional({ nullable: true }) referringTeamId!: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'null: no team serves the municipality (yet)' })
  receivingTeamId!: string | null;
  @ApiPropertyOptional({ nullable: true }) receivingOrganisation!: string | null;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status!: string;
  @ApiPropertyOptional({ enum: REFERRAL_OUTCOMES, nullable: true }) outcome!: string | null;
  @ApiPropertyOptional({ type: WarmHandoverView, nullable: true }) warmHandover!: WarmHandoverView | null;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiPropertyOptional({ type: [StatusChangeView], description: 'Only on GET by id' })
  history?: StatusChangeView[];
}

export class ReferralPage {
  @ApiProperty({ type: [ReferralView] }) items!: ReferralView[];
  @ApiProperty() total!: number;
}
