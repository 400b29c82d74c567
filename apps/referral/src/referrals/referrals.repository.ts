import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OPEN_STATUSES, type ReferralStatus } from '../domain/referral-state-machine';
import { ReferralEntity, ReferralStatusChangeEntity, type ReferralOrigin } from './referral.entity';

export interface ReferralFilter {
  youthRef?: string;
  teamId?: string;
  status?: string;
  /** Any of these statuses (a FHIR Task search). */
  statuses?: string[];
  /** One referral (a FHIR Task search by focus). */
  id?: string;
  receivingTeamId?: string;
  /** Bounds on updated_at, all of which hold. */
  updated?: { op: '>' | '>=' | '<' | '<='; at: Date }[];
  /** Oldest change first, for a client that polls by last update; default newest referral first. */
  oldestChangeFirst?: boolean;
  phase?: string;
  direction?: string;
  /** Only referrals to youth work that no team serves yet. */
  unrouted?: boolean;
  /** Access scope: a team (receiving or referring) or a referring organisation. */
  scopeTeamId?: string;
  scopeOrganisation?: string;
  limit: number;
  offset: number;
}

/** Referrals and their status history; every method runs in the entity manager it is given, the caller's transaction. */
@Injectable()
export class ReferralsRepository {
  async insert(em: EntityManager, referral: ReferralEntity): Promise<void> {
    await em.getRepository(ReferralEntity).insert(referral);
  }

  findById(em: EntityManager, id: string, lock = false): Promise<ReferralEntity | null> {
    return em.getRepository(ReferralEntity).findOne({
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  findByExternalRef(
    em: EntityManager,
    origin: ReferralOrigin,
    externalRef: string,
  ): Promise<ReferralEntity | null> {
    return em.getRepository(ReferralEntity).findOneBy({ origin, externalRef });
  }

  /** Writes the changed fields only if nobody changed the referral since `expectedVersion`. */
  async updateVersioned(
    em: EntityManager,
    id: string,
    expectedVersion: number,
    patch: Partial<Pick<ReferralEntity, 'status' | 'outcome' | 'warmHandover' | 'receivingTeamId'>>,
  ): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(ReferralEntity)
      .set({ ...patch, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id AND version = :expectedVersion', { id, expectedVersion })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** The open referrals to youth work in the municipality that no team serves yet, oldest first, locked. */
  unroutedIn(em: EntityManager, municipalityCode: string): Promise<ReferralEntity[]> {
    return em
      .getRepository(ReferralEntity)
      .createQueryBuilder('r')
      .where(`r.direction = 'care-to-youth-work' AND r.receiving_team_id IS NULL`)
      .andWhere('r.municipality_code = :municipalityCode', { municipalityCode })
      .andWhere('r.status IN (:...open)', { open: OPEN_STATUSES })
      .orderBy('r.created_at', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .setLock('pessimistic_write')
      .getMany();
  }

  async addChange(em: EntityManager, change: Omit<ReferralStatusChangeEntity, 'id'>): Promise<void> {
    await em.getRepository(ReferralStatusChangeEntity).insert(change);
  }

  history(em: EntityManager, referralId: string): Promise<ReferralStatusChangeEntity[]> {
    return em.getRepository(ReferralStatusChangeEntity).find({ where: { referralId }, order: { id: 'ASC' } });
  }

  /** The reason code of each referral's latest status change (null when it gave none). */
  async latestReasons(em: EntityManager, referralIds: string[]): Promise<Map<string, string | null>> {
    if (referralIds.length === 0) return new Map();
    const rows: { referral_id: string; reason_code: string | null }[] = await em.query(
      `SELECT DISTINCT ON (referral_id) referral_id, reason_code FROM referral_status_change
       WHERE referral_id = ANY ($1::uuid[]) ORDER BY referral_id, id DESC`,
      [referralIds],
    );
    return new Map(rows.map((r) => [r.referral_id, r.reason_code]));
  }

  async list(em: EntityManager, filter: ReferralFilter): Promise<{ items: ReferralEntity[]; total: number }> {
    const qb = em.getRepository(ReferralEntity).createQueryBuilder('r');
    if (filter.youthRef) qb.andWhere('r.youth_ref = :youthRef', { youthRef: filter.youthRef });
    if (filter.teamId) {
      qb.andWhere('(r.receiving_team_id = :teamId OR r.referring_team_id = :teamId)', {
        teamId: filter.teamId,
      });
    }
    if (filter.status) qb.andWhere('r.status = :status', { status: filter.status as ReferralStatus });
    if (filter.statuses) qb.andWhere('r.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.id) qb.andWhere('r.id = :id', { id: filter.id });
    if (filter.receivingTeamId) {
      qb.andWhere('r.receiving_team_id = :receivingTeamId', { receivingTeamId: filter.receivingTeamId });
    }
    // To the millisecond, as meta.lastUpdated says it: polling gt the newest seen does not see it again.
    (filter.updated ?? []).forEach(({ op, at }, i) =>
      qb.andWhere(`date_trunc('milliseconds', r.updated_at) ${op} :updated${i}`, { [`updated${i}`]: at }),
    );
    if (filter.phase) qb.andWhere('r.phase = :phase', { phase: filter.phase });
    if (filter.direction) qb.andWhere('r.direction = :direction', { direction: filter.direction });
    if (filter.unrouted) {
      qb.andWhere(`r.direction = 'care-to-youth-work' AND r.receiving_team_id IS NULL`);
    }
    if (filter.scopeTeamId !== undefined) {
      qb.andWhere('(r.receiving_team_id = :scopeTeam OR r.referring_team_id = :scopeTeam)', {
        scopeTeam: filter.scopeTeamId,
      });
    }
    if (filter.scopeOrganisation !== undefined) {
      qb.andWhere('r.referred_by_organisation = :scopeOrg', { scopeOrg: filter.scopeOrganisation });
    }
    if (filter.oldestChangeFirst) qb.orderBy('r.updated_at', 'ASC');
    else qb.orderBy('r.created_at', 'DESC');
    const [items, total] = await qb
      .addOrderBy('r.id', 'ASC')
      .take(filter.limit)
      .skip(filter.offset)
      .getManyAndCount();
    return { items, total };
  }
}
