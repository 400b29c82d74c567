import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One event waiting to be published, written in the same transaction as the state change it
 * describes (transactional outbox, after Debezium's outbox event router).
 */
@Entity({ name: 'outbox_event' })
export class OutboxEventEntity {
  /** Publication order. Per key it equals commit order (see Outbox.append). */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  position!: string;

  /** The CloudEvents id, which consumers use to deduplicate. */
  @Index({ unique: true })
  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'aggregate_type', type: 'text' })
  aggregateType!: string;

  @Column({ name: 'aggregate_id', type: 'text' })
  aggregateId!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ type: 'text' })
  topic!: string;

  /** The Kafka key: the youngster's pseudonymous ref. */
  @Column({ name: 'event_key', type: 'text' })
  eventKey!: string;

  /** The whole CloudEvent, as it goes on the wire. */
  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  headers!: Record<string, string>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
