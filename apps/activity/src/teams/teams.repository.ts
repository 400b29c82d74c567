import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryOne, queryRows, rowById } from '../shared/sql';
import type { Team } from './team.entity';

interface TeamRow {
  id: string;
  name: string;
  organisation: string;
  municipality_codes: string[];
  created_at: Date;
  updated_at: Date;
}

const toTeam = (r: TeamRow): Team => ({
  id: r.id,
  name: r.name,
  organisation: r.organisation,
  municipalityCodes: r.municipality_codes,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Teams in PostgreSQL; every method runs in the caller's transaction. */
@Injectable()
export class TeamsRepository {
  async insert(em: EntityManager, team: Omit<Team, 'createdAt' | 'updatedAt'>): Promise<Team> {
    const row = await queryOne<TeamRow>(
      em,
      `INSERT INTO team (id, name, organisation, municipality_codes) VALUES ($1, $2, $3, $4) RETURNING *`,
      [team.id, team.name, team.organisation, team.municipalityCodes],
    );
    return toTeam(row!);
  }

  async lock(em: EntityManager, id: string): Promise<Team | undefined> {
    return rowById(em, 'team', id, toTeam, { forUpdate: true });
  }

  async find(em: EntityManager, id: string): Promise<Team | undefined> {
    return rowById(em, 'team', id, toTeam);
  }

  /** The teams of these ids that exist, in no particular order. */
  async findMany(em: EntityManager, ids: readonly string[]): Promise<Team[]> {
    if (ids.length === 0) return [];
    const rows = await queryRows<TeamRow>(em, `SELECT * FROM team WHERE id = ANY ($1::uuid[])`, [ids]);
    return rows.map(toTeam);
  }

  async update(em: EntityManager, team: Team): Promise<Team> {
    const row = await queryOne<TeamRow>(
      em,
      `UPDATE team SET name = $2, organisation = $3, municipality_codes = $4, updated_at = now()
        WHERE id = $1 RETURNING *`,
      [team.id, team.name, team.organisation, team.municipalityCodes],
    );
    return toTeam(row!);
  }

  async list(
    em: EntityManager,
    filter: { municipalityCode?: string; limit: number; offset: number },
  ): Promise<{ items: Team[]; total: number }> {
    const where = filter.municipalityCode ? `WHERE $3 = ANY (municipality_codes)` : '';
    const params: unknown[] = [filter.limit, filter.offset];
    if (filter.municipalityCode) params.push(filter.municipalityCode);
    const rows = await queryRows<TeamRow & { total: number }>(
      em,
      `SELECT *, count(*) OVER ()::int AS total FROM team ${where} ORDER BY name, id LIMIT $1 OFFSET $2`,
      params,
    );
    return {
      items: rows.map(toTeam),
      total: rows[0]?.total ?? (await this.count(em, filter.municipalityCode)),
    };
  }

  async count(em: EntityManager, municipalityCode?: string): Promise<number> {
    const row = await queryOne<{ n: number }>(
      em,
      municipalityCode
        ? `SELECT count(*)::int AS n FROM team WHERE $1 = ANY (municipality_codes)`
        : `SELECT count(*)::int AS n FROM team`,
      municipalityCode ? [municipalityCode] : [],
    );
    return row!.n;
  }
}
