import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OfferStatus } from '../domain/bridging-lifecycle';

/** An activity offered to a waiting youngster, with the seat the activity service holds for it. */
@Entity('bridging_offer')
export class BridgingOffer {
  @PrimaryColumn({ name: 'offer_id', type: 'uuid' }) offerId!: string;
  @Column({ name: 'waitlist_entry_id', type: 'text' }) waitlistEntryId!: string;
  @Column({ type: 'integer' }) rank!: number;
  @Column({ name: 'activity_id', type: 'text' }) activityId!: string;
  @Column({ name: 'team_id', type: 'text' }) teamId!: string;
  @Column({ name: 'activity_title', type: 'text', nullable: true }) activityTitle!: string | null;
  @Column({ name: 'placement_id', type: 'text' }) placementId!: string;
  @Column({ type: 'text' }) status!: OfferStatus;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
  @Column({ name: 'offered_at', type: 'timestamptz' }) offeredAt!: Date;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  /** The seat still has to be released at the activity service (the matcher does it, outside any transaction). */
  @Column({ name: 'release_pending', type: 'boolean' }) releasePending!: boolean;
}
