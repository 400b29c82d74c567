import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ActivityStatus } from '../domain/activity-status';
import { queryOne, queryRows, rowById } from '../shared/sql';
import type { Activity, ActivityFields } from './activity.entity';

interface ActivityRow {
  id: string;
  team_id: string;
  title: string;
  description: string;
  kind: string;
  themes: string[];
  min_age: number;
  max_age: number;
  municipality_code: string;
  postcode4: string;
  location_name: string | null;
  accessibility_notes: string | null;
  schedule: Activity['schedule'];
  contact_role: string;
  capacity: number;
  held: number;
  confirmed: number;
  status: ActivityStatus;
  close_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

const toActivity = (r: ActivityRow): Activity => ({
  id: r.id,
  teamId: r.team_id,
  title: r.title,
  description: r.description,
  kind: r.kind,
  themes: r.themes,
  minAge: r.min_age,
  maxAge: r.max_age,
  municipalityCode: r.municipality_code,
  postcode4: r.postcode4,
  locationName: r.location_name,
  accessibilityNotes: r.accessibility_notes,
  schedule: r.schedule,
  contactRole: r.contact_role,
  capacity: r.capacity,
  held: r.held,
  confirmed: r.confirmed,
  status: r.status,
  closeReason: r.close_reason,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface ActivitySearch {
  age?: number;
  municipalityCode?: string;
  postcode4?: string;
  themes?: string[];
  withFreeSeats?: boolean;
  status?: ActivityStatus;
  /** Any of these statuses. */
  statuses?: readonly ActivityStatus[];
  teamId?: string;
  excludeIds?: readonly string[];
  limit: number;
  offset: number;
}

/** Activities in PostgreSQL; every method runs in the caller's transaction. */
@Injectable()
export class ActivitiesRepository {
  async insert(em: EntityManager, id: string, f: ActivityFields): Promise<Activity> {
    const row = await queryOne<ActivityRow>(
      em,
      `INSERT INTO activity (id, team_id, title, description, kind, themes, min_age, max_age,
         municipality_code, postcode4, location_name, accessibility_notes, schedule, contact_role, capacity)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING *`,
      [id, f.teamId, ...this.fieldParams(f)],
    );
    return toActivity(row!);
  }

  async find(em: EntityManager, id: string): Promise<Activity | undefined> {
    return rowById(em, 'activity', id, toActivity);
  }

  /** Reads and row-locks the activity until the transaction ends: every seat change goes through here. */
  async lock(em: EntityManager, id: string): Promise<Activity | undefined> {
    return rowById(em, 'activity', id, toActivity, { forUpdate: true });
  }

  /**
   * Row-locks one activity with expired holds that no other transaction has locked (it skips those),
   * the first by id; undefined when there is none.
   */
  async lockOneWithExpiredHolds(em: EntityManager): Promise<string | undefined> {
    const row = await queryOne<{ id: string }>(
      em,
      `SELECT a.id FROM activity a
        WHERE EXISTS (SELECT 1 FROM placement p
                       WHERE p.activity_id = a.id AND p.status = 'held' AND p.expires_at < now())
        ORDER BY a.id LIMIT 1 FOR UPDATE SKIP LOCKED`,
    );
    return row?.id;
  }

  async updateFields(em: EntityManager, id: string, f: ActivityFields): Promise<Activity> {
    const row = await queryOne<ActivityRow>(
      em,
      `UPDATE activity SET title = $2, description = $3, kind = $4, themes = $5, min_age = $6, max_age = $7,
         municipality_code = $8, postcode4 = $9, location_name = $10, accessibility_notes = $11,
         schedule = $12, contact_role = $13, capacity = $14, updated_at = now()
       WHERE id = $1 RETURNING *`,
      [id, ...this.fieldParams(f)],
    );
    return toActivity(row!);
  }

  async setStatus(
    em: EntityManager,
    id: string,
    status: ActivityStatus,
    closeReason?: string,
  ): Promise<Activity> {
    const row = await queryOne<ActivityRow>(
      em,
      `UPDATE activity SET status = $2, close_reason = coalesce($3, close_reason), updated_at = now()
        WHERE id = $1 RETURNING *`,
      [id, status, closeReason ?? null],
    );
    return toActivity(row!);
  }

  /** Moves the seat counters; the CHECK constraint refuses anything beyond capacity. */
  async adjustSeats(em: EntityManager, id: string, held: number, confirmed: number): Promise<Activity> {
    const row = await queryOne<ActivityRow>(
      em,
      `UPDATE activity SET held = held + $2, confirmed = confirmed + $3, updated_at = now()
        WHERE id = $1 RETURNING *`,
      [id, held, confirmed],
    );
    return toActivity(row!);
  }

  async search(em: EntityManager, s: ActivitySearch): Promise<{ items: Activity[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    if (s.age !== undefined) add((p) => `min_age <= ${p} AND max_age >= ${p}`, s.age);
    if (s.municipalityCode) add((p) => `municipality_code = ${p}`, s.municipalityCode);
    if (s.postcode4) add((p) => `postcode4 = ${p}`, s.postcode4);
    if (s.themes?.length) add((p) => `themes && ${p}::text[]`, s.themes);
    if (s.status) add((p) => `status = ${p}`, s.status);
    if (s.statuses) add((p) => `status = ANY (${p}::text[])`, s.statuses);
    // As text: a team id from a token's claim need not be a UUID, and then matches no activity.
    if (s.teamId) add((p) => `team_id::text = ${p}`, s.teamId);
    if (s.excludeIds?.length) add((p) => `NOT (id::text = ANY (${p}::text[]))`, s.excludeIds);
    if (s.withFreeSeats) where.push(`held + confirmed < capacity`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    // One statement: the window count is taken before LIMIT, so it is the whole match's size.
    const rows = await queryRows<ActivityRow & { total_count: number }>(
      em,
      `SELECT *, count(*) OVER ()::int AS total_count FROM activity ${clause}
        ORDER BY title, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, s.limit, s.offset],
    );
    let total = rows[0]?.total_count ?? 0;
    if (rows.length === 0 && s.offset > 0) {
      // A page past the end has no row to carry the count.
      [{ total }] = await queryRows<{ total: number }>(
        em,
        `SELECT count(*)::int AS total FROM activity ${clause}`,
        params,
      );
    }
    return { items: rows.map(toActivity), total };
  }

  private fieldParams(f: ActivityFields): unknown[] {
    return [
      f.title,
      f.description,
      f.kind,
      f.themes,
      f.minAge,
      f.maxAge,
      f.municipalityCode,
      f.postcode4,
      f.locationName,
      f.accessibilityNotes,
      JSON.stringify(f.schedule),
      f.contactRole,
      f.capacity,
    ];
  }
}
