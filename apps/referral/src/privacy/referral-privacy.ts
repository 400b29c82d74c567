import { Injectable } from '@nestjs/common';
import {
  erasedMarker,
  notErasedSql,
  retentionCutoff,
  rowsAffected,
  type ErasureCounts,
  type RetentionAnonymiser,
  type RetentionPolicy,
  type YouthDataEraser,
} from '@samenspel/erasure';
import type { EntityManager } from 'typeorm';
import { OPEN_STATUSES } from '../domain/referral-state-machine';

/**
 * Erasure in the referral service: a referral is the youngster's own case file and nothing is
 * counted from its rows (the impact figures live in the ops console), so the referrals are deleted
 * and their status history (encrypted notes included) goes with them (ON DELETE CASCADE).
 */
@Injectable()
export class ReferralEraser implements YouthDataEraser {
  readonly youthRefColumns = [{ table: 'referral', column: 'youth_ref' }];

  async erase(em: EntityManager, youthRef: string): Promise<ErasureCounts> {
    const [{ n: history }] = (await em.query(
      `SELECT count(*)::int AS n FROM referral_status_change c JOIN referral r ON r.id = c.referral_id
        WHERE r.youth_ref = $1`,
      [youthRef],
    )) as [{ n: number }];
    const referrals = await rowsAffected(em, `DELETE FROM referral WHERE youth_ref = $1`, [youthRef]);
    return { referral: referrals, referral_status_change: history };
  }
}

/**
 * Retention of closed referrals (rejected, cancelled, failed, completed) whose last change is
 * older than RETENTION_REFERRAL: the row stays for the counts by status, phase and municipality,
 * but loses the youthRef (a random marker instead), the intake system's own reference, the
 * postcode, the warm-handover details and every encrypted note.
 */
@Injectable()
export class ReferralRetention implements RetentionAnonymiser {
  async anonymiseExpired(em: EntityManager, now: Date, policy: RetentionPolicy): Promise<ErasureCounts> {
    const cutoff = retentionCutoff(now, policy.referral);
    const rows = (await em.query(
      `SELECT id FROM referral
        WHERE status <> ALL ($1::text[]) AND updated_at < $2 AND ${notErasedSql('youth_ref')}
        ORDER BY updated_at LIMIT 1000 FOR UPDATE SKIP LOCKED`,
      [OPEN_STATUSES, cutoff],
    )) as { id: string }[];
    let referrals = 0;
    for (const { id } of rows) {
      referrals += await rowsAffected(
        em,
        `UPDATE referral SET youth_ref = $2, external_ref = NULL, postcode4 = '0000', note_ciphertext = NULL,
             warm_handover = NULL WHERE id = $1`,
        [id, erasedMarker()],
      );
    }
    const notes = rows.length
      ? await rowsAffected(
          em,
          `UPDATE referral_status_change SET note_ciphertext = NULL
              WHERE referral_id = ANY ($1::uuid[]) AND note_ciphertext IS NOT NULL`,
          [rows.map((r) => r.id)],
        )
      : 0;
    return { referral: referrals, referral_status_change: notes };
  }
}
