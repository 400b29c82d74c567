import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  BRIDGING_EVENT_TYPES,
  REFERRAL_EVENT_TYPES,
  type BridgingEndedData,
  type BridgingOfferedData,
  type BridgingOfferOutcomeData,
  type CloudEvent,
  type ReferralCreatedData,
  type WarmHandoverPlannedData,
  type WarmHandoverRecordedData,
} from '@samenspel/contracts';
import { Clock } from '@samenspel/clock';
import { OnCloudEvent, type EventContext } from '@samenspel/messaging';
import { addWorkingDays } from '@samenspel/calendar';
import {
  bridgingOfferDueAt,
  DEFAULT_DUE_DATE_RULES,
  warmHandoverDueAt,
  type DueDateRules,
} from '../domain/due-dates';
import { NOTIFICATION_CONFIG, NotificationConfig } from '../config/notification.config';
import { StartFollowUpPlanCommand } from '../follow-ups/usecases/start-follow-up-plan/start-follow-up-plan.command';
import { StartFollowUpPlan } from '../follow-ups/usecases/start-follow-up-plan/start-follow-up-plan.usecase';
import { taskSourceKey } from './task-sources';
import { CancelOfferTaskCommand } from './usecases/cancel-offer-task/cancel-offer-task.command';
import { CancelOfferTask } from './usecases/cancel-offer-task/cancel-offer-task.usecase';
import { CompleteSourcedTaskCommand } from './usecases/complete-sourced-task/complete-sourced-task.command';
import { CompleteSourcedTask } from './usecases/complete-sourced-task/complete-sourced-task.usecase';
import { CreateTaskCommand } from './usecases/create-task/create-task.command';
import { CreateTask } from './usecases/create-task/create-task.usecase';

const OFFER_CANCEL_REASONS: Record<string, string> = {
  [BRIDGING_EVENT_TYPES.offerWithdrawn]: 'offer-withdrawn',
  [BRIDGING_EVENT_TYPES.declined]: 'offer-declined',
  [BRIDGING_EVENT_TYPES.expired]: 'offer-expired',
};

/**
 * Turns the bridging and referral services' events into team tasks. Every use case runs in the
 * event's unit of work, the transaction of its inbox record; creation is idempotent by source key,
 * so a redelivered or re-sent event never makes a second task.
 */
@Controller()
export class TaskSourcesController {
  private readonly dueRules: DueDateRules;

  constructor(
    private readonly createTask: CreateTask,
    private readonly completeSourcedTask: CompleteSourcedTask,
    private readonly cancelOfferTask: CancelOfferTask,
    private readonly startFollowUpPlan: StartFollowUpPlan,
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationConfig,
    private readonly clock: Clock,
  ) {
    this.dueRules = dueRules(config);
  }

  @OnCloudEvent(BRIDGING_EVENT_TYPES.offered)
  async onOffered(
    @Payload() event: CloudEvent<BridgingOfferedData>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    const d = event.data;
    await this.createFor(ctx, (now) => ({
      sourceKey: taskSourceKey.bridgingOffer(d.offerId),
      teamId: d.teamId,
      type: 'bridging-offer',
      youthRef: d.youthRef,
      dueAt: bridgingOfferDueAt(now, new Date(d.expiresAt), this.dueRules),
      context: compact({
        activityTitle: d.activityTitle,
        municipalityCode: d.municipalityCode,
        rank: d.rank,
      }),
      offerId: d.offerId,
      activityId: d.activityId,
    }));
  }

  @OnCloudEvent(BRIDGING_EVENT_TYPES.accepted)
  onAccepted(@Payload() event: CloudEvent<BridgingOfferOutcomeData>, @Ctx() ctx: EventContext) {
    const sourceKey = taskSourceKey.bridgingOffer(event.data.offerId);
    return this.completeSourcedTask.execute(
      new CompleteSourcedTaskCommand({
        sourceKey,
        outcome: 'accepted',
        // The workspace records attendance on this placement once the seat is confirmed.
        context: compact({ placementId: event.data.placementId }),
      }),
      ctx,
    );
  }

  @OnCloudEvent(BRIDGING_EVENT_TYPES.offerWithdrawn)
  onWithdrawn(@Payload() event: CloudEvent<BridgingOfferOutcomeData>, @Ctx() ctx: EventContext) {
    return this.cancelFor(event, ctx);
  }

  @OnCloudEvent(BRIDGING_EVENT_TYPES.declined)
  onDeclined(@Payload() event: CloudEvent<BridgingOfferOutcomeData>, @Ctx() ctx: EventContext) {
    return this.cancelFor(event, ctx);
  }

  @OnCloudEvent(BRIDGING_EVENT_TYPES.expired)
  onExpired(@Payload() event: CloudEvent<BridgingOfferOutcomeData>, @Ctx() ctx: EventContext) {
    return this.cancelFor(event, ctx);
  }

  @OnCloudEvent(BRIDGING_EVENT_TYPES.ended)
  async onEnded(@Payload() event: CloudEvent<BridgingEndedData>, @Ctx() ctx: EventContext): Promise<void> {
    const d = event.data;
    if (d.reason !== 'care-started' || !d.placementContinues || !d.teamId) return;
    const teamId = d.teamId;
    await this.createFor(ctx, (now) => ({
      sourceKey: taskSourceKey.careStarted(d.waitlistEntryId),
      teamId,
      type: 'care-started',
      youthRef: d.youthRef,
      dueAt: addWorkingDays(now, this.config.CARE_STARTED_DUE_WORKING_DAYS),
      context: { reason: d.reason },
      activityId: d.activityId,
    }));
  }

  @OnCloudEvent(REFERRAL_EVENT_TYPES.created)
  onReferralCreated(@Payload() event: CloudEvent<ReferralCreatedData>, @Ctx() ctx: EventContext) {
    return this.referralForTeam(event.data, ctx);
  }

  /** A referral that waited for a team got one: the same intake task (and plan) as a routed one at creation. */
  @OnCloudEvent(REFERRAL_EVENT_TYPES.routed)
  onReferralRouted(@Payload() event: CloudEvent<ReferralCreatedData>, @Ctx() ctx: EventContext) {
    return this.referralForTeam(event.data, ctx);
  }

  private async referralForTeam(d: ReferralCreatedData, ctx: EventContext): Promise<void> {
    if (d.direction !== 'care-to-youth-work' || !d.receivingTeamId) return;
    const now = this.clock.now();
    const handover = d.phase === 'after';
    const type = handover ? 'handover-intake' : 'referral-intake';
    const days = handover
      ? this.config.HANDOVER_INTAKE_DUE_WORKING_DAYS
      : this.config.REFERRAL_INTAKE_DUE_WORKING_DAYS;
    await this.createTask.execute(
      new CreateTaskCommand({
        sourceKey: taskSourceKey.intake(type, d.referralId),
        teamId: d.receivingTeamId,
        type,
        youthRef: d.youthRef,
        dueAt: addWorkingDays(now, days),
        context: compact({
          phase: d.phase,
          reason: d.reason,
          themes: d.themes,
          municipalityCode: d.municipalityCode,
        }),
        referralId: d.referralId,
        now,
      }),
      ctx,
    );
    if (handover) {
      await this.startFollowUpPlan.execute(
        new StartFollowUpPlanCommand({
          referralId: d.referralId,
          teamId: d.receivingTeamId,
          youthRef: d.youthRef,
          municipalityCode: d.municipalityCode,
          start: now,
        }),
        ctx,
      );
    }
  }

  /** The meeting's outcome, recorded in the referral service, completes its task: done, or not-reached. */
  @OnCloudEvent(REFERRAL_EVENT_TYPES.warmHandoverRecorded)
  onWarmHandoverRecorded(@Payload() event: CloudEvent<WarmHandoverRecordedData>, @Ctx() ctx: EventContext) {
    const d = event.data;
    const sourceKey = taskSourceKey.warmHandover(d.referralId, new Date(d.proposedAt));
    return this.completeSourcedTask.execute(
      new CompleteSourcedTaskCommand({ sourceKey, outcome: d.tookPlace ? 'done' : 'not-reached' }),
      ctx,
    );
  }

  @OnCloudEvent(REFERRAL_EVENT_TYPES.warmHandoverPlanned)
  async onWarmHandoverPlanned(
    @Payload() event: CloudEvent<WarmHandoverPlannedData>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    const d = event.data;
    await this.createFor(ctx, (now) => ({
      sourceKey: taskSourceKey.warmHandover(d.referralId, new Date(d.proposedAt)),
      teamId: d.teamId,
      type: 'warm-handover',
      youthRef: d.youthRef,
      dueAt: warmHandoverDueAt(now, new Date(d.proposedAt)),
      context: { participantRoles: d.participantRoles },
      referralId: d.referralId,
    }));
  }

  /** Creates the task an event asks for; `task` gives its fields as of the moment of creation. */
  private createFor(
    ctx: EventContext,
    task: (now: Date) => Omit<CreateTaskCommand, 'now'>,
  ): Promise<unknown> {
    const now = this.clock.now();
    return this.createTask.execute(new CreateTaskCommand({ ...task(now), now }), ctx);
  }

  private cancelFor(event: CloudEvent<BridgingOfferOutcomeData>, ctx: EventContext) {
    return this.cancelOfferTask.execute(
      new CancelOfferTaskCommand({
        offerId: event.data.offerId,
        reason: OFFER_CANCEL_REASONS[event.type] ?? 'other',
      }),
      ctx,
    );
  }
}

function dueRules(config: NotificationConfig): DueDateRules {
  return {
    bridgingOfferWorkingDays: config.BRIDGING_OFFER_DUE_WORKING_DAYS,
    handoverIntakeWorkingDays: config.HANDOVER_INTAKE_DUE_WORKING_DAYS,
    referralIntakeWorkingDays: config.REFERRAL_INTAKE_DUE_WORKING_DAYS,
    careStartedWorkingDays: config.CARE_STARTED_DUE_WORKING_DAYS,
    webhookDisabledWorkingDays: DEFAULT_DUE_DATE_RULES.webhookDisabledWorkingDays,
  };
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
