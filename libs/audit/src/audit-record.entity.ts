import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One line of the audit trail: who did what to which record, when and through which endpoint.
 * Append-only: the database refuses UPDATE, DELETE and TRUNCATE (see the AuditTrail migration).
 */
@Entity({ name: 'audit_record' })
export class AuditRecordEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  /** The `sub` of the caller's token (a person or a system), never a name. */
  @Column({ name: 'actor_sub', type: 'text' })
  actorSub!: string;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole!: string;

  @Column({ name: 'actor_team', type: 'text', nullable: true })
  actorTeam!: string | null;

  @Column({ name: 'actor_org', type: 'text', nullable: true })
  actorOrg!: string | null;

  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'resource_type', type: 'text' })
  resourceType!: string;

  @Column({ name: 'resource_id', type: 'text', nullable: true })
  resourceId!: string | null;

  /** The youngster's pseudonymous youthRef; set to null when the youngster is erased. */
  @Column({ name: 'subject_ref', type: 'text', nullable: true })
  subjectRef!: string | null;

  @Column({ name: 'subject_erased', type: 'boolean', default: false })
  subjectErased!: boolean;

  /** The "why": the endpoint called, as its method and route template. */
  @Column({ name: 'http_method', type: 'text', nullable: true })
  httpMethod!: string | null;

  @Column({ type: 'text', nullable: true })
  route!: string | null;

  @Column({ name: 'status_code', type: 'int', nullable: true })
  statusCode!: number | null;

  /** success, denied (401, 403, or a 404 that hides another team's record) or failed (any other error). */
  @Column({ type: 'text' })
  outcome!: string;

  @Column({ name: 'correlation_id', type: 'text', nullable: true })
  correlationId!: string | null;

  @Column({ name: 'trace_id', type: 'text', nullable: true })
  traceId!: string | null;
}
