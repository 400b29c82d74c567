import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Who holds a youngster's follow-up in a team (`follow_up_claim`); all in the caller's transaction. */
@Injectable()
export class FollowUpClaimsRepository {
  /**
   * The holder (a token subject), or null when the team holds it, with the youngster's follow-up
   * locked until the transaction ends: two changes at once are taken one after the other, also when
   * there is no row yet.
   */
  async lockHolder(em: EntityManager, teamId: string, youthRef: string): Promise<string | null> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `follow-up-claim:${teamId}:${youthRef}`,
    ]);
    return this.holder(em, teamId, youthRef);
  }

  async holder(em: EntityManager, teamId: string, youthRef: string): Promise<string | null> {
    const rows = (await em.query(`SELECT worker FROM follow_up_claim WHERE team_id = $1 AND youth_ref = $2`, [
      teamId,
      youthRef,
    ])) as { worker: string }[];
    return rows[0]?.worker ?? null;
  }

  /** Makes `worker` the holder, or the team when null. */
  async setHolder(em: EntityManager, teamId: string, youthRef: string, worker: string | null): Promise<void> {
    if (worker === null) {
      await em.query(`DELETE FROM follow_up_claim WHERE team_id = $1 AND youth_ref = $2`, [teamId, youthRef]);
      return;
    }
    await em.query(
      `INSERT INTO follow_up_claim (team_id, youth_ref, worker) VALUES ($1, $2, $3)
       ON CONFLICT (team_id, youth_ref) DO UPDATE SET worker = EXCLUDED.worker, claimed_at = now()`,
      [teamId, youthRef, worker],
    );
  }

  /** Whether the team has work for the youngster: a task, or a step of a follow-up plan. */
  async teamHasYoungster(em: EntityManager, teamId: string, youthRef: string): Promise<boolean> {
    const rows = (await em.query(
      `SELECT EXISTS (SELECT 1 FROM task WHERE team_id = $1 AND youth_ref = $2)
           OR EXISTS (SELECT 1 FROM scheduled_step WHERE team_id = $1 AND youth_ref = $2) AS known`,
      [teamId, youthRef],
    )) as { known: boolean }[];
    return rows[0]?.known === true;
  }

  /**
   * Whether `worker` is known to work in the team: they claimed or completed one of its tasks, or
   * hold one of its follow-ups. Workers come from tokens, so this is the team's membership as far as
   * this service can tell; it keeps a follow-up from going to a mistyped subject.
   */
  async isTeamWorker(em: EntityManager, teamId: string, worker: string): Promise<boolean> {
    const rows = (await em.query(
      `SELECT EXISTS (SELECT 1 FROM task WHERE team_id = $1 AND (assignee = $2 OR completed_by = $2))
           OR EXISTS (SELECT 1 FROM follow_up_claim WHERE team_id = $1 AND worker = $2) AS known`,
      [teamId, worker],
    )) as { known: boolean }[];
    return rows[0]?.known === true;
  }
}
