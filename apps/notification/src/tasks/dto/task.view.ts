import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageOf } from '@samenspel/http';
import type { TaskEntity } from '../task.entity';

export class TaskView {
  @ApiProperty() id: string;
  @ApiProperty() teamId: string;
  @ApiProperty({ example: 'bridging-offer' }) type: string;
  @ApiProperty() youthRef: string;
  @ApiProperty({ enum: ['open', 'claimed', 'done', 'cancelled'] }) status: string;
  @ApiProperty({ enum: ['normal', 'high'] }) priority: string;
  @ApiProperty() dueAt: string;
  @ApiProperty({ description: 'Vocabulary only: activity title, phase, reason, themes' })
  context: Record<string, unknown>;
  @ApiPropertyOptional() offerId?: string;
  @ApiPropertyOptional() referralId?: string;
  @ApiPropertyOptional() activityId?: string;
  @ApiPropertyOptional({ description: 'Follow-up step code' }) step?: string;
  @ApiPropertyOptional() assignee?: string;
  @ApiPropertyOptional() outcome?: string;
  @ApiPropertyOptional({ description: "A declined offer's reason code" }) outcomeReason?: string;
  @ApiPropertyOptional({ description: 'The worker who completed it; absent when its source event did' })
  completedBy?: string;
  @ApiPropertyOptional() cancelReason?: string;
  @ApiPropertyOptional() note?: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiPropertyOptional() claimedAt?: string;
  @ApiPropertyOptional() completedAt?: string;
  @ApiPropertyOptional() cancelledAt?: string;
  @ApiPropertyOptional() remindedAt?: string;
  @ApiPropertyOptional() escalatedAt?: string;
}

export class TaskPage extends PageOf(TaskView) {}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : undefined);

export function toTaskView(t: TaskEntity): TaskView {
  const view: TaskView = {
    id: t.id,
    teamId: t.teamId,
    type: t.type,
    youthRef: t.youthRef,
    status: t.status,
    priority: t.priority,
    dueAt: iso(t.dueAt)!,
    context: t.context as Record<string, unknown>,
    offerId: t.offerId ?? undefined,
    referralId: t.referralId ?? undefined,
    activityId: t.activityId ?? undefined,
    step: t.step ?? undefined,
    assignee: t.assignee ?? undefined,
    outcome: t.outcome ?? undefined,
    outcomeReason: t.outcomeReason ?? undefined,
    completedBy: t.completedBy ?? undefined,
    cancelReason: t.cancelReason ?? undefined,
    note: t.note ?? undefined,
    createdAt: iso(t.createdAt)!,
    updatedAt: iso(t.updatedAt)!,
    claimedAt: iso(t.claimedAt),
    completedAt: iso(t.completedAt),
    cancelledAt: iso(t.cancelledAt),
    remindedAt: iso(t.remindedAt),
    escalatedAt: iso(t.escalatedAt),
  };
  for (const key of Object.keys(view) as (keyof TaskView)[]) if (view[key] === undefined) delete view[key];
  return view;
}
