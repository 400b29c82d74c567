import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_LOGGER } from '@samenspel/http';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ActivityCatalogPort, PlacementRefusedError } from '../activity-catalog/activity-catalog.port';
import { OffersRepository } from '../offers/offers.repository';

/**
 * Releases the seats of withdrawn offers at the activity service, for the matcher. Handlers only
 * mark them (`release_pending`), so no HTTP call happens inside an event's transaction; a release
 * the activity service refuses (already released or expired) needs nothing more. Each release is
 * marked done on its own, outside any transaction: a call that fails leaves the rest pending.
 */
@Injectable()
export class HoldReleaser {
  constructor(
    private readonly dataSource: DataSource,
    private readonly offers: OffersRepository,
    private readonly catalog: ActivityCatalogPort,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  /** Releases up to `limit` pending seats; resolves how many were pending. */
  async releasePending(limit = 20): Promise<number> {
    const em = this.dataSource.manager;
    const pending = await this.offers.pendingReleases(em, limit);
    for (const offer of pending) {
      try {
        await this.catalog.release(offer.placementId, offer.reason ?? 'withdrawn');
      } catch (error) {
        if (!(error instanceof PlacementRefusedError)) throw error;
        this.logger.info(
          { offerId: offer.offerId, placementId: offer.placementId, problem: error.problemType },
          'release refused; the seat is free already',
        );
      }
      await this.offers.releaseDone(em, offer.offerId);
    }
    return pending.length;
  }
}
