import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_LOGGER } from '@samenspel/http';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ActivityCatalogPort, PlacementRefusedError } from '../../../activity-catalog/activity-catalog.port';
import { BridgingRepository } from '../../../shared/bridging.repository';

/**
 * Releases the seats of withdrawn offers at the activity service. Handlers only mark them
 * (`release_pending`), so no HTTP call happens inside an event's transaction; a release the
 * activity service refuses (already released or expired) needs nothing more.
 */
@Injectable()
export class ReleaseHolds {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: ActivityCatalogPort,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async execute(limit = 20): Promise<number> {
    const repo = BridgingRepository.in(this.dataSource.manager);
    const pending = await repo.pendingReleases(limit);
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
      await repo.releaseDone(offer.offerId);
    }
    return pending.length;
  }
}
