import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { KnownActivity } from './known-activity.entity';

/** The activities heard of on samenspel.activity.v1, in the caller's transaction. */
@Injectable()
export class KnownActivitiesRepository {
  async upsert(em: EntityManager, activity: Omit<KnownActivity, 'updatedAt'>): Promise<void> {
    await em.query(
      `INSERT INTO known_activity (activity_id, team_id, title, municipality_code) VALUES ($1, $2, $3, $4)
       ON CONFLICT (activity_id) DO UPDATE SET team_id = EXCLUDED.team_id, title = EXCLUDED.title,
         municipality_code = EXCLUDED.municipality_code, updated_at = now()`,
      [activity.activityId, activity.teamId, activity.title, activity.municipalityCode],
    );
  }

  async municipalityOf(em: EntityManager, activityId: string): Promise<string | null> {
    const found = await em.getRepository(KnownActivity).findOne({ where: { activityId } });
    return found?.municipalityCode ?? null;
  }

  async titleOf(em: EntityManager, activityId: string): Promise<string | null> {
    const found = await em.getRepository(KnownActivity).findOne({ where: { activityId } });
    return found?.title ?? null;
  }

  /** The municipalities the team has activities in, as far as bridging has heard of them. */
  async municipalitiesOfTeam(em: EntityManager, teamId: string): Promise<string[]> {
    const rows = (await em.query(
      `SELECT DISTINCT municipality_code FROM known_activity WHERE team_id = $1 ORDER BY 1`,
      [teamId],
    )) as { municipality_code: string }[];
    return rows.map((r) => r.municipality_code);
  }
}
