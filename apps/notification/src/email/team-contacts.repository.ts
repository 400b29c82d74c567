import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface TeamContact {
  teamId: string;
  teamEmail: string | null;
  teamLeadEmail: string | null;
}

/** The addresses a team wants e-mail at: its shared inbox and its team-lead. */
@Injectable()
export class TeamContactsRepository {
  async find(em: EntityManager, teamId: string): Promise<TeamContact | undefined> {
    const [row] = (await em.query(
      `SELECT team_id, team_email, team_lead_email FROM team_contact WHERE team_id = $1`,
      [teamId],
    )) as { team_id: string; team_email: string | null; team_lead_email: string | null }[];
    return row && { teamId: row.team_id, teamEmail: row.team_email, teamLeadEmail: row.team_lead_email };
  }

  async upsert(em: EntityManager, contact: TeamContact): Promise<void> {
    await em.query(
      `INSERT INTO team_contact (team_id, team_email, team_lead_email) VALUES ($1, $2, $3)
       ON CONFLICT (team_id) DO UPDATE SET team_email = $2, team_lead_email = $3, updated_at = now()`,
      [contact.teamId, contact.teamEmail, contact.teamLeadEmail],
    );
  }
}
