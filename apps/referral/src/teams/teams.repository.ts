import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CandidateTeam } from '../domain/routing-rule';
import { TeamEntity } from './team.entity';

const OPEN = `('requested','accepted','in-progress','on-hold')`;

/** The team read model; every method runs in the entity manager it is given, the caller's transaction. */
@Injectable()
export class TeamsRepository {
  async upsert(em: EntityManager, team: Omit<TeamEntity, 'updatedAt'>): Promise<void> {
    await em.query(
      `INSERT INTO team (team_id, name, organisation, municipality_codes) VALUES ($1, $2, $3, $4)
       ON CONFLICT (team_id) DO UPDATE SET name = EXCLUDED.name, organisation = EXCLUDED.organisation,
         municipality_codes = EXCLUDED.municipality_codes, updated_at = now()`,
      [team.teamId, team.name, team.organisation, team.municipalityCodes],
    );
  }

  findById(em: EntityManager, teamId: string): Promise<TeamEntity | null> {
    return em.getRepository(TeamEntity).findOneBy({ teamId });
  }

  /** The teams serving a municipality, each with its number of open referrals. */
  async candidatesFor(em: EntityManager, municipalityCode: string): Promise<CandidateTeam[]> {
    const rows: { team_id: string; open: string }[] = await em.query(
      `SELECT t.team_id, (SELECT count(*) FROM referral r
                          WHERE r.receiving_team_id = t.team_id AND r.status IN ${OPEN}) AS open
       FROM team t WHERE $1 = ANY (t.municipality_codes)`,
      [municipalityCode],
    );
    return rows.map((r) => ({ teamId: r.team_id, openReferrals: Number(r.open) }));
  }
}
