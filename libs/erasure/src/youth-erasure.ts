import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@samenspel/audit';
import { PRIVACY_EVENT_TYPES, type YouthErasedData } from '@samenspel/contracts';
import { SERVICE_LOGGER } from '@samenspel/http';
import type { NewEvent } from '@samenspel/messaging';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { YOUTH_DATA_ERASER, type ErasureCounts, type YouthDataEraser } from './erasure.ports';
import { eraseFromMessagingCore } from './messaging-core.eraser';
import { recentlyErased, rememberErased, sqlDigest } from './tombstones';

export const ERASURE_SERVICE = Symbol('ERASURE_SERVICE');

/** An erasure request as a service receives it: the request event's id and source, and the youngster. */
export interface ErasureRequest {
  requestId: string;
  source: string;
  youthRef: string;
}

/**
 * One service's handling of an erasure request, in the caller's transaction: its own eraser, the
 * messaging core tables, the youthRef out of the audit trail, an `erase` audit record that names
 * only the request, and the confirmation `nl.samenspel.youth.erased.v1` through the outbox.
 * Idempotent: a repeated request erases nothing more and confirms again.
 */
@Injectable()
export class YouthErasure {
  constructor(
    @Inject(YOUTH_DATA_ERASER) private readonly eraser: YouthDataEraser,
    private readonly audit: AuditTrail,
    @Inject(ERASURE_SERVICE) private readonly service: string,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async erase(
    em: EntityManager,
    request: ErasureRequest,
    publish: (event: NewEvent<YouthErasedData>) => Promise<unknown>,
  ): Promise<ErasureCounts> {
    const counts: ErasureCounts = {
      ...(await this.eraser.erase(em, request.youthRef)),
      // Before the confirmation is appended: it is the one outbox row that must stay until sent.
      ...(await eraseFromMessagingCore(em, request.youthRef)),
    };
    counts.audit_record = await this.audit.redactSubject(em, request.youthRef);
    await rememberErased(em, request.youthRef);
    await this.audit.record(
      {
        actor: {
          sub: request.source,
          role: request.source.startsWith('urn:samenspel:') ? 'service' : 'intake-system',
        },
        action: 'erase',
        resourceType: 'youth',
        resourceId: request.requestId,
        subjectRef: null,
        outcome: 'success',
      },
      em,
    );
    await publish({
      type: PRIVACY_EVENT_TYPES.erased,
      key: request.youthRef,
      aggregateType: 'erasure',
      aggregateId: request.requestId,
      data: { youthRef: request.youthRef, service: this.service, erasedAt: new Date().toISOString() },
    });
    // Counts and the request id only: the youthRef stays out of the logs.
    this.logger.info({ erasureRequestId: request.requestId, counts }, 'youngster erased');
    return counts;
  }

  /**
   * Erases again any youngster erased in the last TOMBSTONE_DAYS who is back: an event in flight at the
   * moment of the erasure (another topic, read later) may have recorded them anew. Found by
   * digest, so no youthRef is kept to look for. Returns how many youngsters were erased again.
   */
  async eraseReappeared(em: EntityManager): Promise<number> {
    const digests = await recentlyErased(em);
    if (digests.length === 0) return 0;
    const places = [
      ...this.eraser.youthRefColumns,
      { table: 'outbox_event', column: 'event_key' },
      { table: 'audit_record', column: 'subject_ref' },
    ];
    const found = new Set<string>();
    for (const { table, column } of places) {
      const rows = (await em.query(
        `SELECT DISTINCT "${column}" AS ref FROM "${table}"
          WHERE "${column}" IS NOT NULL AND ${sqlDigest(`"${column}"`)} = ANY ($1::text[])`,
        [digests],
      )) as { ref: string }[];
      for (const r of rows) found.add(r.ref);
    }
    for (const youthRef of found) {
      await this.eraser.erase(em, youthRef);
      await eraseFromMessagingCore(em, youthRef);
      await this.audit.redactSubject(em, youthRef);
    }
    if (found.size > 0) this.logger.info({ youngsters: found.size }, 'erased youngsters erased again');
    return found.size;
  }
}
