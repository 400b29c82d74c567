import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PlacementStatus } from '../domain/placement-status';
import { queryOne, queryRows, rowById } from '../shared/sql';
import type { AttendanceRecord, Placement } from './placement.entity';

interface PlacementRow {
  id: string;
  activity_id: string;
  team_id: string;
  youth_ref: string;
  reference: string;
  status: PlacementStatus;
  expires_at: Date | null;
  reason: string | null;
  created_at: Date;
  confirmed_at: Date | null;
  ended_at: Date | null;
  updated_at: Date;
}

const toPlacement = (r: PlacementRow): Placement => ({
  id: r.id,
  activityId: r.activity_id,
  teamId: r.team_id,
  youthRef: r.youth_ref,
  reference: r.reference,
  status: r.status,
  expiresAt: r.expires_at,
  reason: r.reason,
  createdAt: r.created_at,
  confirmedAt: r.confirmed_at,
  endedAt: r.ended_at,
  updatedAt: r.updated_at,
});

/** An attendance row, its session date read as YYYY-MM-DD. */
interface AttendanceRow {
  placement_id: string;
  session_date: string;
  status: AttendanceRecord['status'];
  recorded_at: Date;
}

const toAttendance = (r: AttendanceRow): AttendanceRecord => ({
  placementId: r.placement_id,
  sessionDate: r.session_date,
  status: r.status,
  recordedAt: r.recorded_at,
});

/** Placements and their attendance in PostgreSQL; every method runs in the caller's transaction. */
@Injectable()
export class PlacementsRepository {
  async insertHeld(
    em: EntityManager,
    p: Pick<Placement, 'id' | 'activityId' | 'teamId' | 'youthRef' | 'reference'> & { expiresAt: Date },
  ): Promise<Placement> {
    const row = await queryOne<PlacementRow>(
      em,
      `INSERT INTO placement (id, activity_id, team_id, youth_ref, reference, status, expires_at)
       VALUES ($1, $2, $3, $4, $5, 'held', $6) RETURNING *`,
      [p.id, p.activityId, p.teamId, p.youthRef, p.reference, p.expiresAt],
    );
    return toPlacement(row!);
  }

  async find(em: EntityManager, id: string): Promise<Placement | undefined> {
    return rowById(em, 'placement', id, toPlacement);
  }

  async lock(em: EntityManager, id: string): Promise<Placement | undefined> {
    return rowById(em, 'placement', id, toPlacement, { forUpdate: true });
  }

  async findByReference(em: EntityManager, reference: string): Promise<Placement | undefined> {
    const row = await queryOne<PlacementRow>(em, `SELECT * FROM placement WHERE reference = $1`, [reference]);
    return row && toPlacement(row);
  }

  /**
   * For a hold, in one statement: the placement made earlier with this reference, and this
   * youngster's active (held or confirmed) placement on the activity.
   */
  async findForHold(
    em: EntityManager,
    reference: string,
    activityId: string,
    youthRef: string,
  ): Promise<{ earlier?: Placement; active?: Placement }> {
    const rows = await queryRows<PlacementRow>(
      em,
      `SELECT * FROM placement WHERE reference = $1
          OR (activity_id = $2 AND youth_ref = $3 AND status IN ('held', 'confirmed'))`,
      [reference, activityId, youthRef],
    );
    const earlier = rows.find((r) => r.reference === reference);
    const active = rows.find(
      (r) =>
        r.activity_id === activityId && r.youth_ref === youthRef && ['held', 'confirmed'].includes(r.status),
    );
    return { earlier: earlier && toPlacement(earlier), active: active && toPlacement(active) };
  }

  /** The active placements of an activity, row-locked (the caller holds the activity's lock first). */
  async lockActiveOf(em: EntityManager, activityId: string): Promise<Placement[]> {
    const rows = await queryRows<PlacementRow>(
      em,
      `SELECT * FROM placement WHERE activity_id = $1 AND status IN ('held', 'confirmed')
        ORDER BY created_at, id FOR UPDATE`,
      [activityId],
    );
    return rows.map(toPlacement);
  }

  /**
   * Expired holds of one activity, locked; holds another transaction has locked are skipped, and
   * the status test is re-checked on the locked row, so a hold released meanwhile never comes back.
   */
  async lockExpiredHolds(em: EntityManager, activityId: string, limit: number): Promise<Placement[]> {
    const rows = await queryRows<PlacementRow>(
      em,
      `SELECT * FROM placement WHERE activity_id = $1 AND status = 'held' AND expires_at < now()
        ORDER BY expires_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [activityId, limit],
    );
    return rows.map(toPlacement);
  }

  async setStatus(
    em: EntityManager,
    id: string,
    status: PlacementStatus,
    reason?: string,
    /** When the change happened by the service's clock; the database's time without it. */
    at?: Date,
  ): Promise<Placement> {
    const row = await queryOne<PlacementRow>(
      em,
      `UPDATE placement SET status = $2, reason = coalesce($3, reason), updated_at = now(),
         confirmed_at = CASE WHEN $2 = 'confirmed' THEN coalesce($4, now()) ELSE confirmed_at END,
         ended_at = CASE WHEN $2 IN ('released', 'cancelled', 'completed') THEN coalesce($4, now()) ELSE ended_at END,
         expires_at = CASE WHEN $2 = 'held' THEN expires_at ELSE NULL END
       WHERE id = $1 RETURNING *`,
      [id, status, reason ?? null, at ?? null],
    );
    return toPlacement(row!);
  }

  async list(
    em: EntityManager,
    filter: {
      activityId?: string;
      youthRef?: string;
      teamId?: string;
      status?: string;
      limit: number;
      offset: number;
    },
  ): Promise<{ items: Placement[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (column: string, value: unknown) => {
      params.push(value);
      where.push(`${column} = $${params.length}`);
    };
    if (filter.activityId) add('activity_id', filter.activityId);
    if (filter.youthRef) add('youth_ref', filter.youthRef);
    if (filter.teamId) add('team_id', filter.teamId);
    if (filter.status) add('status', filter.status);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await queryRows<{ total: number }>(
      em,
      `SELECT count(*)::int AS total FROM placement ${clause}`,
      params,
    );
    const rows = await queryRows<PlacementRow>(
      em,
      `SELECT * FROM placement ${clause} ORDER BY created_at, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return { items: rows.map(toPlacement), total };
  }

  /** Records (or corrects) the attendance of one session. */
  async upsertAttendance(
    em: EntityManager,
    placementId: string,
    sessionDate: string,
    status: string,
  ): Promise<AttendanceRecord> {
    const [row] = await queryRows<AttendanceRow>(
      em,
      `INSERT INTO attendance (placement_id, session_date, status) VALUES ($1, $2, $3)
       ON CONFLICT (placement_id, session_date) DO UPDATE SET status = excluded.status, recorded_at = now()
       RETURNING placement_id, to_char(session_date, 'YYYY-MM-DD') AS session_date, status, recorded_at`,
      [placementId, sessionDate, status],
    );
    return toAttendance(row);
  }

  async attendanceOf(em: EntityManager, placementIds: string[]): Promise<AttendanceRecord[]> {
    if (placementIds.length === 0) return [];
    const rows = await queryRows<AttendanceRow>(
      em,
      `SELECT placement_id, to_char(session_date, 'YYYY-MM-DD') AS session_date, status, recorded_at
         FROM attendance WHERE placement_id = ANY ($1::uuid[]) ORDER BY session_date`,
      [placementIds],
    );
    return rows.map(toAttendance);
  }

  /** Every placement of an activity that got a seat at some point (confirmed, or completed). */
  async startedOf(em: EntityManager, activityId: string): Promise<Placement[]> {
    const rows = await queryRows<PlacementRow>(
      em,
      `SELECT * FROM placement WHERE activity_id = $1 AND confirmed_at IS NOT NULL ORDER BY created_at, id`,
      [activityId],
    );
    return rows.map(toPlacement);
  }
}
