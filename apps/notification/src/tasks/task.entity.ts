import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TaskPriority } from '../domain/due-dates';
import type { TaskStatus } from '../domain/task-lifecycle';

/** A minimal, vocabulary-only context: never free text about the youngster. */
export interface TaskContext {
  activityTitle?: string;
  phase?: string;
  reason?: string;
  themes?: string[];
  municipalityCode?: string;
  rank?: number;
  participantRoles?: string[];
  webhookId?: string;
  /** The seat an accepted offer confirmed: the workspace records its sessions' attendance on it. */
  placementId?: string;
}

@Entity('task')
export class TaskEntity {
  @PrimaryColumn('uuid') id: string;
  /** What created it (task-sources.ts): the key that makes creation idempotent. */
  @Column({ name: 'source_key', type: 'text', unique: true }) sourceKey: string;
  @Column({ name: 'team_id', type: 'text' }) teamId: string;
  @Column({ type: 'text' }) type: string;
  @Column({ name: 'youth_ref', type: 'text' }) youthRef: string;
  @Column({ type: 'text' }) status: TaskStatus;
  @Column({ type: 'text' }) priority: TaskPriority;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt: Date;
  @Column({ type: 'jsonb' }) context: TaskContext;
  @Column({ name: 'offer_id', type: 'text', nullable: true }) offerId: string | null;
  @Column({ name: 'referral_id', type: 'text', nullable: true }) referralId: string | null;
  @Column({ name: 'activity_id', type: 'text', nullable: true }) activityId: string | null;
  @Column({ type: 'text', nullable: true }) step: string | null;
  @Column({ type: 'text', nullable: true }) assignee: string | null;
  @Column({ type: 'text', nullable: true }) outcome: string | null;
  /** A declined bridging offer's reason code (OFFER_DECLINE_REASONS); null for every other completion. */
  @Column({ name: 'outcome_reason', type: 'text', nullable: true }) outcomeReason: string | null;
  /** The worker (token subject) who completed it; null when its source event did. */
  @Column({ name: 'completed_by', type: 'text', nullable: true }) completedBy: string | null;
  @Column({ name: 'cancel_reason', type: 'text', nullable: true }) cancelReason: string | null;
  /** The worker's own note on completion: stays in this service, never in events or e-mails. */
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true }) claimedAt: Date | null;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true }) cancelledAt: Date | null;
  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true }) remindedAt: Date | null;
  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true }) escalatedAt: Date | null;
}
