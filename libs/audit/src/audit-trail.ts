import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  toAuditRow,
  type AuditAction,
  type AuditEntry,
  type AuditOutcome,
  type AuditRow,
} from './audit-entry';

const COLUMNS = [
  'occurred_at',
  'actor_sub',
  'actor_role',
  'actor_team',
  'actor_org',
  'action',
  'resource_type',
  'resource_id',
  'subject_ref',
  'http_method',
  'route',
  'status_code',
  'outcome',
  'correlation_id',
  'trace_id',
] as const;

/** The setting that lets an UPDATE of audit_record null a youthRef (see the AuditTrail migration). */
export const AUDIT_REDACTION_SETTING = 'samenspel.audit_redaction';

export interface AuditFilter {
  subject?: string;
  actor?: string;
  action?: AuditAction;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

/** One audit record as the admin API shows it. */
export interface AuditRecord {
  id: string;
  occurredAt: string;
  actor: { sub: string; role: string; teamId?: string; org?: string };
  action: string;
  resource: { type: string; id?: string };
  subjectRef: string | null;
  subjectErased: boolean;
  endpoint: { method?: string; route?: string };
  statusCode: number | null;
  outcome: AuditOutcome;
  correlationId?: string;
  traceId?: string;
}

/** A stored audit_record row: the appended row with its id and whether its youthRef was erased. */
interface AuditRecordRow extends Omit<AuditRow, 'action'> {
  id: string;
  action: string;
  subject_erased: boolean;
}

/** The service's append-only audit trail: who read or changed which youngster's record, and why. */
@Injectable()
export class AuditTrail {
  constructor(private readonly dataSource: DataSource) {}

  /** Appends one record; pass a transaction's manager to make it part of that transaction. */
  record(entry: AuditEntry, manager: EntityManager = this.dataSource.manager): Promise<void> {
    return this.recordAll([entry], manager);
  }

  /** Appends records in one statement (all or none), e.g. one per youngster of a batch request. */
  async recordAll(entries: AuditEntry[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (entries.length === 0) return;
    const rows = entries.map((entry) => toAuditRow(entry));
    await manager.query(
      `INSERT INTO audit_record (${COLUMNS.join(', ')}) VALUES ${rows
        .map((_, r) => `(${COLUMNS.map((_, i) => `$${r * COLUMNS.length + i + 1}`).join(', ')})`)
        .join(', ')}`,
      rows.flatMap((row) => COLUMNS.map((column) => row[column])),
    );
  }

  /**
   * AVG erasure: removes a youthRef from every record that names it (the records themselves stay)
   * and returns how many. Runs in the caller's transaction when it has one.
   */
  async redactSubject(manager: EntityManager, youthRef: string): Promise<number> {
    const redact = async (em: EntityManager) => {
      await em.query(`SELECT set_config($1, 'on', true)`, [AUDIT_REDACTION_SETTING]);
      const [{ redacted }] = (await em.query(
        `WITH changed AS (
           UPDATE audit_record SET subject_ref = NULL, subject_erased = true
           WHERE subject_ref = $1 RETURNING 1)
         SELECT count(*)::int AS redacted FROM changed`,
        [youthRef],
      )) as [{ redacted: number }];
      // Only this statement may redact: the rest of the caller's transaction is held to append-only.
      await em.query(`SELECT set_config($1, 'off', true)`, [AUDIT_REDACTION_SETTING]);
      return redacted;
    };
    return manager.queryRunner?.isTransactionActive ? redact(manager) : manager.transaction(redact);
  }

  /** Newest first, filtered; for the admin API. */
  async find(filter: AuditFilter): Promise<{ items: AuditRecord[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.subject !== undefined) add('subject_ref = ?', filter.subject);
    if (filter.actor !== undefined) add('actor_sub = ?', filter.actor);
    if (filter.action !== undefined) add('action = ?', filter.action);
    if (filter.from !== undefined) add('occurred_at >= ?', filter.from);
    if (filter.to !== undefined) add('occurred_at < ?', filter.to);
    const condition = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const em = this.dataSource.manager;
    const [{ total }] = (await em.query(
      `SELECT count(*)::int AS total FROM audit_record ${condition}`,
      params,
    )) as [{ total: number }];
    const rows = (await em.query(
      `SELECT * FROM audit_record ${condition} ORDER BY id DESC
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    )) as AuditRecordRow[];
    return { items: rows.map(toAuditRecord), total };
  }
}

function toAuditRecord(row: AuditRecordRow): AuditRecord {
  const optional = <K extends string>(key: K, value: string | null) =>
    (value === null ? {} : { [key]: value }) as Partial<Record<K, string>>;
  return {
    id: String(row.id),
    occurredAt: new Date(row.occurred_at).toISOString(),
    actor: {
      sub: row.actor_sub,
      role: row.actor_role,
      ...optional('teamId', row.actor_team),
      ...optional('org', row.actor_org),
    },
    action: row.action,
    resource: { type: row.resource_type, ...optional('id', row.resource_id) },
    subjectRef: row.subject_ref,
    subjectErased: row.subject_erased,
    endpoint: { ...optional('method', row.http_method), ...optional('route', row.route) },
    statusCode: row.status_code,
    outcome: row.outcome,
    ...optional('correlationId', row.correlation_id),
    ...optional('traceId', row.trace_id),
  };
}
