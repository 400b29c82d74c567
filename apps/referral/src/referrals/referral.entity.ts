import type { NewEvent } from '@samenspel/messaging';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReferralOutcome, ReferralStatus } from '../domain/referral-state-machine';

/** The aggregate type of the referral service's outgoing events: it picks the topic. */
export const REFERRAL_AGGREGATE = 'referral';

export type ReferralOrigin = 'trajectory-ended' | 'care-referral-event' | 'api';

export interface WarmHandover {
  proposedAt: string;
  participantRoles: string[];
  plannedAt: string;
  tookPlace?: boolean;
  recordedAt?: string;
}

/** A referral between youth care and youth work. Only pseudonymous facts about the youngster. */
@Entity({ name: 'referral' })
export class ReferralEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** Where it came from; with externalRef (trajectoryId or the care system's referralId) unique. */
  @Column({ type: 'text' })
  origin!: ReferralOrigin;

  @Column({ name: 'external_ref', type: 'text', nullable: true })
  externalRef!: string | null;

  @Column({ type: 'text' })
  direction!: 'care-to-youth-work' | 'youth-work-to-care';

  @Column({ type: 'text' })
  phase!: 'before' | 'during' | 'after';

  @Column({ name: 'youth_ref', type: 'text' })
  youthRef!: string;

  @Column({ name: 'age_years', type: 'int' })
  ageYears!: number;

  @Column({ type: 'text' })
  postcode4!: string;

  @Column({ name: 'municipality_code', type: 'text' })
  municipalityCode!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text', array: true })
  themes!: string[];

  /** AES-256-GCM, see NoteCipher; never in events or logs. */
  @Column({ name: 'note_ciphertext', type: 'text', nullable: true })
  noteCiphertext!: string | null;

  @Column({ name: 'consent_youth_work', type: 'boolean' })
  consentYouthWork!: boolean;

  @Column({ name: 'consent_given_by', type: 'text' })
  consentGivenBy!: string;

  @Column({ name: 'consent_given_at', type: 'timestamptz' })
  consentGivenAt!: Date;

  @Column({ name: 'referred_by_organisation', type: 'text' })
  referredByOrganisation!: string;

  @Column({ name: 'referred_by_role', type: 'text' })
  referredByRole!: string;

  /** The youth-work team that made a toeleiding referral (youth-work-to-care). */
  @Column({ name: 'referring_team_id', type: 'text', nullable: true })
  referringTeamId!: string | null;

  @Column({ name: 'receiving_team_id', type: 'text', nullable: true })
  receivingTeamId!: string | null;

  @Column({ name: 'receiving_organisation', type: 'text', nullable: true })
  receivingOrganisation!: string | null;

  @Column({ type: 'text' })
  status!: ReferralStatus;

  @Column({ type: 'text', nullable: true })
  outcome!: ReferralOutcome | null;

  @Column({ name: 'warm_handover', type: 'jsonb', nullable: true })
  warmHandover!: WarmHandover | null;

  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** One entry of a referral's history: who moved it, when and why. */
@Entity({ name: 'referral_status_change' })
export class ReferralStatusChangeEntity {
  @PrimaryColumn({ type: 'bigint', generated: 'increment' })
  id!: string;

  @Column({ name: 'referral_id', type: 'uuid' })
  referralId!: string;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus!: ReferralStatus | null;

  @Column({ name: 'to_status', type: 'text' })
  toStatus!: ReferralStatus;

  @Column({ name: 'reason_code', type: 'text', nullable: true })
  reasonCode!: string | null;

  @Column({ type: 'text', nullable: true })
  outcome!: string | null;

  @Column({ name: 'note_ciphertext', type: 'text', nullable: true })
  noteCiphertext!: string | null;

  /** The role and the subject (token `sub`, or the inbound event's source) that made the change. */
  @Column({ name: 'actor_role', type: 'text' })
  actorRole!: string;

  @Column({ name: 'actor_ref', type: 'text' })
  actorRef!: string;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt!: Date;
}

/** The youth-work team of a referral: the receiving team of one to youth work, the referring team of a toeleiding. */
export function youthWorkTeamOf(
  referral: Pick<ReferralEntity, 'direction' | 'receivingTeamId' | 'referringTeamId'>,
): string | null {
  return referral.direction === 'care-to-youth-work' ? referral.receivingTeamId : referral.referringTeamId;
}

/**
 * `referral.created`, or `referral.routed` when a team appears later: the referral as the teams'
 * services see it, with its receiving team once it has one.
 */
export function referralCreatedEvent(type: string, r: ReferralEntity): NewEvent {
  return referralEvent(type, r, {
    referralId: r.id,
    youthRef: r.youthRef,
    ageYears: r.ageYears,
    postcode4: r.postcode4,
    municipalityCode: r.municipalityCode,
    direction: r.direction,
    phase: r.phase,
    reason: r.reason,
    themes: r.themes,
    status: r.status,
    ...(r.receivingTeamId ? { receivingTeamId: r.receivingTeamId } : {}),
    ...(r.receivingOrganisation ? { receivingOrganisation: r.receivingOrganisation } : {}),
    referredBy: { organisation: r.referredByOrganisation, role: r.referredByRole },
  });
}

/** One outgoing event about the referral, keyed by its youngster. */
export function referralEvent(
  type: string,
  referral: Pick<ReferralEntity, 'id' | 'youthRef'>,
  data: Record<string, unknown>,
): NewEvent {
  return { type, key: referral.youthRef, aggregateType: REFERRAL_AGGREGATE, aggregateId: referral.id, data };
}
