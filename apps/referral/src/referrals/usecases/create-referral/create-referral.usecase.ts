import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '@samenspel/clock';
import { ConsentMissing, REFERRAL_EVENT_TYPES } from '@samenspel/contracts';
import type { NewEvent, UnitOfWork } from '@samenspel/messaging';
import { consentByAge } from '@samenspel/contracts';
import { chooseReceivingTeam } from '../../../domain/routing-rule';
import { lockOrYield, NoteCipher } from '@samenspel/persistence';
import { TeamsRepository } from '../../../teams/teams.repository';
import { ReferralEntity, referralCreatedEvent, referralEvent } from '../../referral.entity';
import { ReferralMetrics } from '../../referral-metrics';
import { ReferralsRepository } from '../../referrals.repository';
import type { CreateReferralCommand } from './create-referral.command';

/**
 * Creates a referral in status `requested`: checks consent, routes a referral to youth work to a
 * team, records the first history entry and emits `referral.created` (and, toward youth care,
 * `referral.requested` for the intake systems) in the same transaction.
 */
@Injectable()
export class CreateReferral {
  constructor(
    private readonly referrals: ReferralsRepository,
    private readonly teams: TeamsRepository,
    private readonly cipher: NoteCipher,
    private readonly metrics: ReferralMetrics,
    private readonly clock: Clock,
  ) {}

  async execute(
    command: CreateReferralCommand,
    uow: UnitOfWork,
  ): Promise<{ referral: ReferralEntity; created: boolean }> {
    const { em } = uow;
    // Consent before the lookup of an earlier referral: a request without valid consent is refused
    // whatever was sent before, and before anything is read or written in the unit of work.
    const verdict = consentByAge(command.ageYears, command.consent);
    if (!verdict.valid) throw new ConsentMissing(command.ageYears, verdict.reason);
    if (command.externalRef) {
      const existing = await this.referrals.findByExternalRef(em, command.origin, command.externalRef);
      if (existing) return { referral: existing, created: false };
    }

    const id = randomUUID();
    let receivingTeamId: string | null = null;
    if (command.direction === 'care-to-youth-work') {
      // One routing decision at a time per municipality, so "fewest open referrals" counts them all.
      // Held until commit. In a transaction of several events it is never waited for (LockYield:
      // the events are redone one per transaction), so two of them cannot deadlock on two municipalities.
      await lockOrYield(em, `route:${command.municipalityCode}`);
      receivingTeamId = chooseReceivingTeam(await this.teams.candidatesFor(em, command.municipalityCode));
    }
    const now = this.clock.now();
    const referral = Object.assign(new ReferralEntity(), {
      id,
      origin: command.origin,
      externalRef: command.externalRef ?? null,
      direction: command.direction,
      phase: command.phase,
      youthRef: command.youthRef,
      ageYears: command.ageYears,
      postcode4: command.postcode4,
      municipalityCode: command.municipalityCode,
      reason: command.reason,
      themes: command.themes,
      noteCiphertext: command.note ? this.cipher.encrypt(command.note, id) : null,
      consentYouthWork: command.consent.youthWork,
      consentGivenBy: command.consent.givenBy,
      consentGivenAt: new Date(command.consent.givenAt),
      referredByOrganisation: command.referredBy.organisation,
      referredByRole: command.referredBy.role,
      referringTeamId: command.referringTeamId ?? null,
      receivingTeamId,
      receivingOrganisation: command.receivingOrganisation ?? null,
      status: 'requested' as const,
      outcome: null,
      warmHandover: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    } satisfies ReferralEntity);
    await this.referrals.insert(em, referral);
    await this.referrals.addChange(em, {
      referralId: id,
      fromStatus: null,
      toStatus: 'requested',
      reasonCode: null,
      outcome: null,
      noteCiphertext: null,
      actorRole: command.actor.role,
      actorRef: command.actor.ref,
      changedAt: now,
    });
    await uow.publish(this.eventsFor(referral));
    this.metrics.created.inc({
      direction: referral.direction,
      phase: referral.phase,
      routed: String(referral.direction === 'youth-work-to-care' || receivingTeamId !== null),
    });
    return { referral, created: true };
  }

  private eventsFor(r: ReferralEntity): NewEvent[] {
    const events: NewEvent[] = [referralCreatedEvent(REFERRAL_EVENT_TYPES.created, r)];
    if (r.direction === 'youth-work-to-care') {
      events.push(
        referralEvent(REFERRAL_EVENT_TYPES.requested, r, {
          referralId: r.id,
          youthRef: r.youthRef,
          ageYears: r.ageYears,
          postcode4: r.postcode4,
          municipalityCode: r.municipalityCode,
          reason: r.reason,
          requestedBy: { organisation: r.referredByOrganisation, role: r.referredByRole },
          ...(r.receivingOrganisation ? { receivingOrganisation: r.receivingOrganisation } : {}),
        }),
      );
    }
    return events;
  }
}
