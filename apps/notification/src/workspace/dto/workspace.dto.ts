import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { YouthVoiceBody } from '@samenspel/http';
import { OptionalFollowUpYouthVoice, OptionalTeamNote } from '../../tasks/dto/task.dto';
import { TaskView } from '../../tasks/dto/task.view';
import {
  ATTENDANCE_STATUSES,
  CONSENT_GIVERS,
  FOLLOW_UP_OUTCOMES,
  IsShortCode,
  IsTimestamp,
  IsWordList,
  OFFER_DECLINE_REASONS,
  REFERRAL_STATUSES,
} from '@samenspel/contracts';
import { ArrayMinSize, IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { FIRST_CONTACT_OUTCOMES } from '../../domain/follow-up-step';

export class DeclineOfferTaskBody {
  @ApiProperty({ enum: OFFER_DECLINE_REASONS })
  @IsIn(OFFER_DECLINE_REASONS)
  reason!: string;
}

/** What the activity service takes for one session (its RecordAttendanceDto). */
export class WorkspaceAttendanceBody {
  @ApiProperty({ example: '2026-11-25' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, {
    message: '$property must be a date YYYY-MM-DD',
  })
  sessionDate!: string;

  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  @IsIn(ATTENDANCE_STATUSES)
  status!: string;
}

export class FirstContactBody {
  @ApiProperty({ enum: FIRST_CONTACT_OUTCOMES })
  @IsIn(FIRST_CONTACT_OUTCOMES)
  outcome!: string;

  @OptionalTeamNote()
  note?: string;
}

export class FollowUpStepBody {
  @ApiProperty({ enum: FOLLOW_UP_OUTCOMES })
  @IsIn(FOLLOW_UP_OUTCOMES)
  outcome!: string;

  @OptionalTeamNote()
  note?: string;

  @OptionalFollowUpYouthVoice()
  youthVoice?: YouthVoiceBody;
}

/** What the activity service takes to close an activity (its CloseActivityDto). */
export class WorkspaceCloseActivityBody {
  @ApiPropertyOptional({
    example: 'season-ended',
    description: 'A reason code; the activity service requires one when the activity has active placements',
  })
  @IsOptional()
  @IsShortCode(64)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, { message: '$property must be a code such as season-ended' })
  reason?: string;
}

/** What the referral service takes to plan a warm handover (its WarmHandoverBody). */
export class WorkspaceWarmHandoverBody {
  @ApiProperty({ format: 'date-time', example: '2026-12-10T14:00:00+01:00' })
  @IsTimestamp()
  proposedAt!: string;

  @ApiProperty({ type: [String], example: ['care-worker', 'youth-worker', 'youth'] })
  @IsWordList()
  @ArrayMinSize(1)
  @Matches(/^[a-z][a-z-]{0,63}$/, { each: true, message: 'participantRoles are role words, never names' })
  participantRoles!: string[];
}

export class WorkspaceWarmHandoverOutcomeBody {
  @ApiProperty() @IsBoolean() tookPlace!: boolean;
}

export class AcceptedOffer {
  @ApiProperty() taskId!: string;
  @ApiProperty() youthRef!: string;
  @ApiProperty() offerId!: string;
  @ApiProperty({ enum: ['accepted'] }) status!: 'accepted';
}

export class TaskYoungster {
  @ApiProperty() ageYears!: number;
  @ApiProperty() postcode4!: string;
  @ApiProperty() municipalityCode!: string;
  @ApiProperty({ type: [String], description: 'The interests (theme words) the match used' })
  interests!: string[];
  @ApiProperty({ enum: CONSENT_GIVERS, nullable: true, type: String, description: 'Who gave consent' })
  consentGivenBy!: string | null;
}

export class TaskWarmHandover {
  @ApiProperty({ format: 'date-time' }) proposedAt!: string;
  @ApiProperty({ type: [String], description: 'Role words, never names' }) participantRoles!: string[];
  @ApiProperty({ format: 'date-time' }) plannedAt!: string;
  @ApiPropertyOptional() tookPlace?: boolean;
  @ApiPropertyOptional({ format: 'date-time' }) recordedAt?: string;
}

export class TaskReferral {
  @ApiProperty({ enum: REFERRAL_STATUSES }) status!: string;
  @ApiProperty({ description: 'Sent back as If-Match ("<version>") when the worker changes it' })
  version!: number;
  @ApiProperty({ type: TaskWarmHandover, nullable: true }) warmHandover!: TaskWarmHandover | null;
}

export class MatchReasonView {
  @ApiProperty() code!: string;
  @ApiProperty({ description: 'In Dutch' }) nl!: string;
  @ApiProperty({ description: 'In English' }) en!: string;
}

export class TimelineMoment {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ enum: ['entered', 'offered', 'accepted', 'declined', 'expired', 'withdrawn', 'exited'] })
  event!: string;
  @ApiPropertyOptional() rank?: number;
  @ApiPropertyOptional({ description: 'A reason code, never free text' }) reason?: string;
}

/** A task with what its owners show the worker: vocabulary and the fields that travel, no free text. */
export class TaskDetail {
  @ApiProperty({ type: TaskView }) task!: TaskView;
  @ApiProperty() youthRef!: string;
  @ApiPropertyOptional() municipalityCode?: string;
  @ApiPropertyOptional({
    description:
      'From the activity service: title, schedule, postcode4, locationName, contactRole, live capacity',
  })
  activity?: Record<string, unknown>;
  @ApiPropertyOptional({
    description: "From waitlist-bridging: the offer's status, rank and expiresAt (the hold)",
  })
  offer?: Record<string, unknown>;
  @ApiPropertyOptional({
    type: TaskReferral,
    description: "From the referral service: the referral's status, version (its ETag) and warm handover",
  })
  referral?: TaskReferral;
  @ApiPropertyOptional({
    type: TaskYoungster,
    description: 'From waitlist-bridging: the profile fields that travel between services',
  })
  youngster?: TaskYoungster;
  @ApiPropertyOptional({
    type: [MatchReasonView],
    description:
      "Why the activity was matched, by the ranking's criteria, from the youngster and the activity",
  })
  reasons?: MatchReasonView[];
  @ApiPropertyOptional({
    type: [TimelineMoment],
    description: "From waitlist-bridging: the youngster's flow, oldest first",
  })
  timeline?: TimelineMoment[];
  @ApiProperty({
    type: [String],
    description: 'Owners that refused or did not answer; their part is left out',
  })
  unavailable!: string[];
}

export class WorkerLoad {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The worker (token subject); null: claimed by nobody',
  })
  worker!: string | null;
  @ApiProperty({ description: 'Open and claimed tasks' }) open!: number;
  @ApiProperty({ description: 'Of those, past their due date' }) overdue!: number;
}

export class TeamActivity {
  @ApiProperty() activityId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() status!: string;
  @ApiProperty({
    description: 'Live capacity from the activity service: capacity, held, confirmed, available',
  })
  capacity!: Record<string, number>;
}

export class QueuedCount {
  @ApiProperty({ description: "Youngsters queued for a seat in the team's municipalities" }) queued!: number;
  @ApiProperty({
    description: 'Per municipality: [{municipalityCode, queued}]',
    type: 'array',
    items: { type: 'object' },
  })
  municipalities!: { municipalityCode: string; queued: number }[];
}

/** A team-lead's view of the team: counts and the team's own activities, no youngster named. */
export class TeamOverview {
  @ApiProperty() teamId!: string;
  @ApiProperty({ type: [WorkerLoad] }) workers!: WorkerLoad[];
  @ApiPropertyOptional({ type: [TeamActivity] }) activities?: TeamActivity[];
  @ApiPropertyOptional({ type: QueuedCount }) queue?: QueuedCount;
  @ApiProperty({
    type: [String],
    description: 'Owners that refused or did not answer; their part is left out',
  })
  unavailable!: string[];
}
