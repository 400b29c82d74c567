import { applyDecorators } from '@nestjs/common';
import { OneOfQuery, OptionalYouthVoice, PageQuery, type YouthVoiceBody } from '@samenspel/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsTimestamp, OFFER_DECLINE_REASONS, TASK_TYPES } from '@samenspel/contracts';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { CANCEL_REASONS, TASK_STATUSES } from '../../domain/task-lifecycle';

export class ListTasksQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only for ops/admin/service; a team member sees their own team' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({ description: 'One status or a comma-separated list', example: 'open,claimed' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value))
  @IsArray()
  @ArrayMaxSize(TASK_STATUSES.length)
  @IsIn(TASK_STATUSES, { each: true })
  status?: (typeof TASK_STATUSES)[number][];

  @OneOfQuery(TASK_TYPES)
  type?: string;

  @ApiPropertyOptional({ description: 'Only tasks due before this moment (ISO 8601)' })
  @IsOptional()
  @IsTimestamp()
  dueBefore?: string;
}

/** The optional `note` of a body that changes a task, documented and validated. */
export function OptionalTeamNote(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      description: 'A note for the team, kept in this service only (never in events, webhooks or e-mail)',
      maxLength: 500,
    }),
    IsOptional(),
    IsString(),
    Length(1, 500),
  );
}

/** The optional `youthVoice` of a body that completes a follow-up step. */
export const OptionalFollowUpYouthVoice = (): PropertyDecorator =>
  OptionalYouthVoice(
    "Follow-up steps only: the youngster's own view, if they gave one. It travels on task.completed; " +
      'the operations console keeps only counts of it',
  );

export class CompleteTaskBody {
  @ApiProperty({
    description:
      'follow-up: reached, not-reached, engaged-in-activity, internship-or-work-found, declined; ' +
      'other tasks: done, not-reached, declined, not-applicable',
  })
  @IsString()
  @Matches(/^[a-z][a-z-]{1,63}$/)
  outcome: string;

  @ApiPropertyOptional({
    enum: OFFER_DECLINE_REASONS,
    description:
      'Required with a bridging-offer declined (the offer is declined with it); no other completion takes one',
  })
  @IsOptional()
  @IsIn(OFFER_DECLINE_REASONS)
  reason?: string;

  @OptionalTeamNote()
  note?: string;

  @OptionalFollowUpYouthVoice()
  youthVoice?: YouthVoiceBody;
}

export class CancelTaskBody {
  @ApiProperty({ enum: CANCEL_REASONS })
  @IsIn(CANCEL_REASONS)
  reason: string;
}
