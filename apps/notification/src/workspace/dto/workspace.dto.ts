import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TaskView } from '../../tasks/dto/task.view';
import { ATTENDANCE_STATUSES, OFFER_DECLINE_REASONS } from '@samenspel/contracts';
import { IsBoolean, IsIn, Matches } from 'class-validator';

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

export class WorkspaceWarmHandoverOutcomeBody {
  @ApiProperty() @IsBoolean() tookPlace!: boolean;
}

export class AcceptedOffer {
  @ApiProperty() taskId!: string;
  @ApiProperty() youthRef!: string;
  @ApiProperty() offerId!: string;
  @ApiProperty({ enum: ['accepted'] }) status!: 'accepted';
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
  @ApiProperty({
    type: [String],
    description: 'Owners that refused or did not answer; their part is left out',
  })
  unavailable!: string[];
}
