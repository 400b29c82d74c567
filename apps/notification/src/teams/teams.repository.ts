import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The teams the activity service has announced: their ids only, to refuse writes for a team that does not exist. */
@Injectable()
export class TeamsRepository {
  async remember(em: EntityManager, teamId: string): Promise<void> {
    await em.query(
      `INSERT INTO known_team (team_id) VALUES ($1) ON CONFLICT (team_id) DO UPDATE SET updated_at = now()`,
      [teamId],
    );
  }

  async exists(em: EntityManager, teamId: string): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM known_team WHERE team_id = $1`, [teamId]);
    return rows.length > 0;
  }
}
