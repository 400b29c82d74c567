import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  ConsentMissing,
  IllegalTransition,
  REFERRAL_EVENT_TYPES,
  TASK_EVENT_TYPES,
  type CareReferralAnswerData,
  type CareReferralRequestedData,
  type CloudEvent,
  type TaskEventData,
  type TrajectoryEndedData,
} from '@samenspel/contracts';
import { SERVICE_LOGGER } from '@samenspel/http';
import { OnCloudEvent, type EventContext } from '@samenspel/messaging';
import type { Logger } from 'pino';
import { followUpTransitions } from '../domain/follow-up-mapping';
import { ReferralMetrics } from './referral-metrics';
import { REFERRAL_AGGREGATE } from './referral.entity';
import { ReferralsRepository } from './referrals.repository';
import { CreateReferralCommand } from './usecases/create-referral/create-referral.command';
import { CreateReferral } from './usecases/create-referral/create-referral.usecase';
import { TransitionReferralCommand } from './usecases/transition-referral/transition-referral.command';
import { TransitionReferral } from './usecases/transition-referral/transition-referral.usecase';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const FOLLOW_UP_FINAL_STEPS = Symbol('FOLLOW_UP_FINAL_STEPS');

/**
 * The three moments arriving from youth care (trajectory ended, parallel referral, answers to a
 * toeleiding) and follow-up outcomes from the notification service. A handler's context is its unit
 * of work: the use cases it calls write in the transaction that records the event as handled.
 */
@Controller()
export class ReferralEventsController {
  constructor(
    private readonly createReferral: CreateReferral,
    private readonly transitionReferral: TransitionReferral,
    private readonly referrals: ReferralsRepository,
    private readonly metrics: ReferralMetrics,
    @Inject(FOLLOW_UP_FINAL_STEPS) private readonly finalSteps: readonly string[],
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  /** Na: the handover after care. Only with follow-up wanted and valid consent does youth work hear of it. */
  @OnCloudEvent(REFERRAL_EVENT_TYPES.trajectoryEnded)
  async onTrajectoryEnded(
    @Payload() event: CloudEvent<TrajectoryEndedData>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    const d = event.data;
    if (!d.followUpWanted) {
      this.logger.info(
        { eventId: event.id, trajectoryId: d.trajectoryId },
        'trajectory ended without follow-up',
      );
      return;
    }
    await this.createFromEvent(
      ctx,
      { trajectoryId: d.trajectoryId },
      {
        origin: 'trajectory-ended',
        externalRef: d.trajectoryId,
        direction: 'care-to-youth-work',
        phase: 'after',
        youthRef: d.youthRef,
        ageYears: d.ageYears,
        postcode4: d.postcode4,
        municipalityCode: d.municipalityCode,
        reason: 'aftercare',
        themes: d.interests,
        consent: d.consent,
        referredBy: { organisation: d.careProvider.organisation, role: 'care-provider' },
        actor: { role: 'intake-system', ref: event.source },
      },
    );
  }

  /** Tijdens: a care worker asks youth work for parallel support. */
  @OnCloudEvent(REFERRAL_EVENT_TYPES.careReferralRequested)
  async onCareReferralRequested(
    @Payload() event: CloudEvent<CareReferralRequestedData>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    const d = event.data;
    await this.createFromEvent(
      ctx,
      { referralId: d.referralId },
      {
        origin: 'care-referral-event',
        externalRef: d.referralId,
        direction: 'care-to-youth-work',
        phase: 'during',
        youthRef: d.youthRef,
        ageYears: d.ageYears,
        postcode4: d.postcode4,
        municipalityCode: d.municipalityCode,
        reason: d.reason,
        themes: d.interests,
        consent: d.consent,
        referredBy: d.requestedBy,
        actor: { role: 'intake-system', ref: event.source },
      },
    );
  }

  /** Voor: youth care accepted a toeleiding. */
  @OnCloudEvent(REFERRAL_EVENT_TYPES.careReferralAccepted)
  onCareReferralAccepted(
    @Payload() event: CloudEvent<CareReferralAnswerData>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    return this.answerToeleiding(event, ctx, 'accepted');
  }

  /** Voor: youth care rejected a toeleiding. */
  @OnCloudEvent(REFERRAL_EVENT_TYPES.careReferralRejected)
  onCareReferralRejected(
    @Payload() event: CloudEvent<CareReferralAnswerData>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    return this.answerToeleiding(event, ctx, 'rejected');
  }

  /** A follow-up step the team completed moves the referral (mapping in domain/follow-up-mapping.ts). */
  @OnCloudEvent(TASK_EVENT_TYPES.completed)
  async onTaskCompleted(
    @Payload() event: CloudEvent<TaskEventData>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    const d = event.data;
    if (d.type !== 'follow-up' || !d.referralId || !d.outcome) return;
    const referral = await this.findReferral(ctx, d.referralId);
    if (!referral) {
      this.logger.warn({ eventId: event.id, referralId: d.referralId }, 'follow-up for an unknown referral');
      return;
    }
    const moves = followUpTransitions(referral.status, d.outcome, this.finalSteps.includes(d.step ?? ''));
    for (const move of moves) {
      await this.transitionReferral.execute(
        new TransitionReferralCommand({
          referralId: referral.id,
          ...move,
          actor: { role: 'service', ref: `${event.source}#task:${d.taskId}` },
        }),
        ctx,
      );
    }
  }

  /**
   * The referral an event of youth care asks for; CreateReferral checks the consent. Without valid
   * consent youth care hears so through consent-missing, naming its own trajectory or referral id,
   * and the event is done: nothing reaches youth work, and nothing is retried or dead-lettered.
   */
  private async createFromEvent(
    ctx: EventContext,
    careRef: { trajectoryId: string } | { referralId: string },
    fields: CreateReferralCommand & { externalRef: string },
  ): Promise<void> {
    const command = new CreateReferralCommand(fields);
    try {
      await this.createReferral.execute(command, ctx);
    } catch (error) {
      if (!(error instanceof ConsentMissing)) throw error;
      this.metrics.consentMissing.inc({ origin: command.origin });
      await ctx.publish({
        type: REFERRAL_EVENT_TYPES.consentMissing,
        key: command.youthRef,
        aggregateType: REFERRAL_AGGREGATE,
        aggregateId: fields.externalRef,
        data: { youthRef: command.youthRef, ...careRef, reason: error.reason },
      });
    }
  }

  private async answerToeleiding(
    event: CloudEvent<CareReferralAnswerData>,
    ctx: EventContext,
    to: 'accepted' | 'rejected',
  ): Promise<void> {
    const d = event.data;
    const referral = await this.findReferral(ctx, d.referralId);
    // Not ours (another Samenspel instance's, or never sent), or about another youngster: nothing
    // to change here. Logged, not dead-lettered: every consumer of the shared topic sees every answer.
    if (!referral || referral.youthRef !== d.youthRef || referral.direction !== 'youth-work-to-care') {
      this.logger.warn(
        { eventId: event.id, referralId: d.referralId, answer: to },
        'answer for an unknown toeleiding; ignored',
      );
      return;
    }
    try {
      await this.transitionReferral.execute(
        new TransitionReferralCommand({
          referralId: referral.id,
          to,
          reasonCode: d.reason,
          actor: { role: 'intake-system', ref: event.source },
        }),
        ctx,
      );
    } catch (error) {
      // A late or repeated answer (the referral was cancelled or already answered) changes nothing.
      if (!(error instanceof IllegalTransition)) throw error;
      this.logger.warn(
        { eventId: event.id, referralId: referral.id, status: referral.status, answer: to },
        'answer to a toeleiding that is no longer requested; ignored',
      );
    }
  }

  /** Our referral ids are UUIDs; anything else cannot be ours. Locked for the rest of the transaction. */
  private findReferral(ctx: EventContext, referralId: string) {
    return UUID.test(referralId) ? this.referrals.findById(ctx.em, referralId, true) : Promise.resolve(null);
  }
}
