import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { SERVICE_LOGGER } from '@samenspel/http';
import { devTeamId } from '@samenspel/contracts';
import { UnitsOfWork, type NewEvent } from '@samenspel/messaging';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { ActivitiesRepository } from '../activities/activities.repository';
import { ACTIVITY_CONFIG, type ActivityConfig } from '../config/activity.config';
import { activityEvent } from '../activities/activity.events';
import { teamEvent } from '../teams/team.events';
import { TeamsRepository } from '../teams/teams.repository';
import { SEED_ACTIVITIES, SEED_TEAMS } from './dev-catalogue';
import { matchFactsOf } from '../activities/activity.entity';

/**
 * In the development profile only, loads the synthetic catalogue when the database has no teams,
 * so that `npm start` shows something at once. Production and test start empty. A transaction-scoped
 * advisory lock keeps two instances starting together from seeding twice.
 */
@Injectable()
export class CatalogueSeeder implements OnApplicationBootstrap {
  constructor(
    private readonly units: UnitsOfWork,
    private readonly teams: TeamsRepository,
    private readonly activities: ActivitiesRepository,
    @Inject(ACTIVITY_CONFIG) private readonly config: ActivityConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.NODE_ENV !== 'development') return;
    const seeded = await this.seedIfEmpty();
    if (seeded > 0)
      this.logger.info({ teams: SEED_TEAMS.length, activities: seeded }, 'loaded the synthetic catalogue');
  }

  /** Returns how many activities it created (0 when the catalogue was not empty). */
  seedIfEmpty(): Promise<number> {
    return this.units.run(async (uow) => {
      await uow.em.query(`SELECT pg_advisory_xact_lock(hashtext('samenspel-activity-dev-seed'))`);
      if ((await this.teams.count(uow.em)) > 0) return 0;
      const events: NewEvent[] = [];
      for (const t of SEED_TEAMS) {
        const team = await this.teams.insert(uow.em, {
          id: devTeamId(t.key),
          name: t.name,
          organisation: t.organisation,
          municipalityCodes: t.municipalityCodes,
        });
        events.push(teamEvent('created', team));
      }
      for (const a of SEED_ACTIVITIES) {
        const draft = await this.activities.insert(uow.em, randomUUID(), {
          teamId: devTeamId(a.team),
          title: a.title,
          description: `${a.title} (synthetic example activity)`,
          ...matchFactsOf(a),
          locationName: a.locationName,
          accessibilityNotes: null,
          schedule: a.schedule,
          contactRole: 'jongerenwerker',
          capacity: a.capacity,
        });
        const open = await this.activities.setStatus(uow.em, draft.id, 'open');
        events.push(activityEvent('published', open));
      }
      await uow.publish(events);
      return SEED_ACTIVITIES.length;
    });
  }
}
