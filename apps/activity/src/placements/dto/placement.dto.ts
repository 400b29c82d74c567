import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import {
  ATTENDANCE_STATUSES,
  IsOneOf,
  IsRecordId,
  IsShortCode,
  IsTimestamp,
  IsYouthRef,
} from '@samenspel/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsUUID,
  Matches,
  ValidateNested,
} from 'class-validator';
import { CandidateQueryDto, CandidateView } from '../../matching/dto/candidate.dto';
import type { AttendanceRecord, Placement } from '../placement.entity';
import {
  MAX_BATCH,
  type BestSeatHold,
  type BestSeatOrRefusal,
} from '../usecases/hold-best-seats/hold-best-seats.usecase';
import {
  OptionalYouthVoice,
  PageOf,
  PageQuery,
  type ProblemDetails,
  toProblem,
  type YouthVoiceBody,
} from '@samenspel/http';

/** What every hold names: the youngster, the caller's idempotency reference and the expiry. */
export class HoldTermsDto {
  @ApiProperty({ example: 'yr_3f9a1c2b7d4e' }) @IsYouthRef() youthRef!: string;
  @ApiProperty({ description: 'Idempotency reference of the caller (e.g. a bridging offer id)' })
  @IsRecordId()
  reference!: string;
  @ApiPropertyOptional({ description: 'When the hold lapses; default now + PLACEMENT_HOLD_TTL (P7D)' })
  @IsOptional()
  @IsTimestamp()
  expiresAt?: string;
}

export class HoldPlacementDto extends HoldTermsDto {
  @ApiProperty() @IsUUID() activityId!: string;
}

/** A candidate query (ranked as `POST /matching/candidates`) and the hold to make in the best one. */
export class HoldBestPlacementDto extends IntersectionType(CandidateQueryDto, HoldTermsDto) {}

/** Youngsters to hold a seat for, in order: first come, first served. */
export class HoldBestBatchDto {
  @ApiProperty({ type: [HoldBestPlacementDto], minItems: 1, maxItems: MAX_BATCH })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH)
  @ValidateNested({ each: true })
  @Type(() => HoldBestPlacementDto)
  items!: HoldBestPlacementDto[];
}

export class CompletePlacementDto {
  @OptionalYouthVoice(
    "The youngster's own view of the placement, if they gave one. It travels on placement.completed; " +
      'the activity service does not keep it, and the operations console keeps only counts of it',
  )
  youthVoice?: YouthVoiceBody;
}

export class PlacementReasonDto {
  @ApiPropertyOptional({
    example: 'offer-declined',
    description: 'A reason code, never free text about a youngster',
  })
  @IsOptional()
  @IsShortCode(64)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, {
    message: '$property must be a code such as offer-declined (no spaces)',
  })
  reason?: string;
}

export class ListPlacementsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() activityId?: string;
  @ApiPropertyOptional() @IsOptional() @IsYouthRef() youthRef?: string;
  @ApiPropertyOptional({ enum: ['held', 'confirmed', 'released', 'cancelled', 'completed'] })
  @IsOptional()
  @IsOneOf(['held', 'confirmed', 'released', 'cancelled', 'completed'])
  status?: string;
}

export class RecordAttendanceDto {
  @ApiProperty({ example: '2026-11-25' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, {
    message: '$property must be a date YYYY-MM-DD',
  })
  sessionDate!: string;
  @ApiProperty({ enum: ATTENDANCE_STATUSES }) @IsOneOf(ATTENDANCE_STATUSES) status!:
    'present' | 'absent' | 'excused';
}

export class PlacementView {
  @ApiProperty() id!: string;
  @ApiProperty() activityId!: string;
  @ApiProperty() teamId!: string;
  @ApiProperty() youthRef!: string;
  @ApiProperty() reference!: string;
  @ApiProperty({ enum: ['held', 'confirmed', 'released', 'cancelled', 'completed'] }) status!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) expiresAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) confirmedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) endedAt!: string | null;

  static of(p: Placement): PlacementView {
    return {
      id: p.id,
      activityId: p.activityId,
      teamId: p.teamId,
      youthRef: p.youthRef,
      reference: p.reference,
      status: p.status,
      expiresAt: p.expiresAt?.toISOString() ?? null,
      reason: p.reason,
      createdAt: p.createdAt.toISOString(),
      confirmedAt: p.confirmedAt?.toISOString() ?? null,
      endedAt: p.endedAt?.toISOString() ?? null,
    };
  }
}

export class PlacementPage extends PageOf(PlacementView) {}

export class AttendanceView {
  @ApiProperty() placementId!: string;
  @ApiProperty() sessionDate!: string;
  @ApiProperty({ enum: ATTENDANCE_STATUSES }) status!: string;
  @ApiProperty() recordedAt!: string;

  static of(r: AttendanceRecord): AttendanceView {
    return { ...r, recordedAt: r.recordedAt.toISOString() };
  }
}

export class RetentionView {
  @ApiProperty({ enum: [4, 8, 12] }) weeks!: number;
  @ApiProperty({ description: 'Placements confirmed at least this many weeks ago' }) eligible!: number;
  @ApiProperty() participating!: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) rate!: number | null;
}

export class PlacementAttendanceView {
  @ApiProperty() placementId!: string;
  @ApiProperty({ type: [AttendanceView] }) sessions!: AttendanceView[];
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'present / (present + absent)' })
  attendanceRate!: number | null;
  @ApiProperty({
    description: 'week (4, 8, 12) → still taking part; null while too early',
    example: { 4: true, 8: null, 12: null },
  })
  participation!: Record<string, boolean | null>;
}

export class AttendanceSummaryView {
  @ApiProperty() activityId!: string;
  @ApiProperty({ description: 'Placements that were ever confirmed' }) placements!: number;
  @ApiProperty({ example: { present: 10, absent: 2, excused: 1 } }) sessions!: Record<string, number>;
  @ApiPropertyOptional({ nullable: true, type: Number }) attendanceRate!: number | null;
  @ApiProperty({ type: [RetentionView] }) retention!: RetentionView[];
}

export class HeldActivityView {
  @ApiProperty() activityId!: string;
  @ApiProperty() teamId!: string;
  @ApiProperty() title!: string;
}

export class HeldSeatView {
  @ApiProperty({ type: PlacementView }) placement!: PlacementView;
  @ApiProperty({ type: HeldActivityView, description: 'The activity the seat is in' })
  activity!: HeldActivityView;
  @ApiPropertyOptional({
    type: CandidateView,
    nullable: true,
    description: 'The ranked candidate the seat was taken in; null when the reference was seen before',
  })
  candidate!: CandidateView | null;
}

export class HoldBestView {
  @ApiPropertyOptional({
    type: HeldSeatView,
    nullable: true,
    description: 'The seat held; null when no eligible activity had a free seat',
  })
  held!: HeldSeatView | null;

  static of(result: BestSeatHold): HoldBestView {
    if (!result.placement) return { held: null };
    return {
      held: {
        placement: PlacementView.of(result.placement),
        activity: result.activity,
        candidate: result.candidate,
      },
    };
  }
}

/** One youngster's answer in a batch: what `POST /placements/hold-best` would have answered. */
export class HoldBestBatchItemView {
  @ApiProperty({ description: 'The HTTP status a single call would have answered: 201, 200 or 4xx' })
  status!: number;
  @ApiPropertyOptional({
    type: HeldSeatView,
    nullable: true,
    description: 'The seat held; null when no eligible activity had a free seat; absent when refused',
  })
  held?: HeldSeatView | null;
  @ApiPropertyOptional({ description: 'RFC 9457 problem details of a refusal (e.g. reference-conflict)' })
  problem?: ProblemDetails;

  static of(result: BestSeatOrRefusal, instance: string): HoldBestBatchItemView {
    if ('refused' in result) {
      const problem = toProblem(result.refused, instance);
      return { status: problem.status, problem };
    }
    return { status: result.placement && result.created ? 201 : 200, ...HoldBestView.of(result) };
  }
}

export class HoldBestBatchView {
  @ApiProperty({ type: [HoldBestBatchItemView], description: 'One per item, in the order asked' })
  results!: HoldBestBatchItemView[];
}
