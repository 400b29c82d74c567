import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@samenspel/messaging';
import { matchReasons } from '../../../domain/match-reasons';
import { toTaskView } from '../../../tasks/dto/task.view';
import { TasksRepository } from '../../../tasks/tasks.repository';
import { assertTaskVisible, viewFor } from '../../../tasks/team-access';
import type { TaskDetail, TaskReferral, TaskYoungster, TimelineMoment } from '../../dto/workspace.dto';
import { OwnerReads, OwningServicesPort } from '../../owning-services.port';
import type { ShowTaskDetailCommand } from './show-task-detail.command';

/**
 * What a worker needs to act on a task, from the services that own each part, asked as the worker:
 * the task (here), its activity with live seats (activity), its offer's hold with the youngster's
 * profile fields and flow (bridging), and its referral's status and warm handover (referral); why the activity was matched is put in words
 * here from those two answers (domain/match-reasons.ts). Only
 * named fields are taken from each answer. A part its owner refuses or cannot give is left out and
 * named in `unavailable`, so the task itself is always shown.
 */
@Injectable()
export class ShowTaskDetail {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly owners: OwningServicesPort,
  ) {}

  async execute(command: ShowTaskDetailCommand, uow: UnitOfWork): Promise<TaskDetail> {
    const { principal, taskId } = command;
    const task = assertTaskVisible(principal, await this.tasks.findById(uow.em, taskId));
    const reads = new OwnerReads(this.owners, command.bearerToken);
    const [activity, offer, referralAnswer] = await Promise.all([
      task.activityId
        ? reads.get('activity', `/api/v1/activities/${encodeURIComponent(task.activityId)}`)
        : undefined,
      task.offerId
        ? reads.get('waitlist-bridging', `/api/v1/offers/${encodeURIComponent(task.offerId)}`)
        : undefined,
      task.referralId
        ? reads.get('referral', `/api/v1/referrals/${encodeURIComponent(task.referralId)}`)
        : undefined,
    ]);
    const referral = referralAnswer as TaskReferral | undefined;
    const warmHandover = referral?.warmHandover;
    const youngster = offer?.youngster as TaskYoungster | undefined;
    return {
      task: viewFor(principal, toTaskView(task)),
      youthRef: task.youthRef,
      ...(task.context.municipalityCode && { municipalityCode: task.context.municipalityCode }),
      ...(activity && {
        activity: {
          title: activity.title,
          schedule: activity.schedule,
          postcode4: activity.postcode4,
          locationName: activity.locationName ?? null,
          contactRole: activity.contactRole,
          capacity: activity.capacity,
        },
      }),
      ...(offer && { offer: { status: offer.status, expiresAt: offer.expiresAt, rank: offer.rank } }),
      ...(referral && {
        referral: {
          status: referral.status,
          version: referral.version,
          warmHandover: warmHandover
            ? {
                proposedAt: warmHandover.proposedAt,
                participantRoles: warmHandover.participantRoles,
                plannedAt: warmHandover.plannedAt,
                ...(warmHandover.tookPlace !== undefined && { tookPlace: warmHandover.tookPlace }),
                ...(warmHandover.recordedAt !== undefined && { recordedAt: warmHandover.recordedAt }),
              }
            : null,
        },
      }),
      ...(youngster && {
        youngster: {
          ageYears: youngster.ageYears,
          postcode4: youngster.postcode4,
          municipalityCode: youngster.municipalityCode,
          interests: youngster.interests,
          consentGivenBy: youngster.consentGivenBy ?? null,
        },
      }),
      ...(youngster &&
        activity && {
          reasons: matchReasons(
            youngster,
            activity as { themes: string[]; postcode4: string; minAge: number; maxAge: number },
          ),
        }),
      ...(Array.isArray(offer?.timeline) && {
        timeline: (offer.timeline as TimelineMoment[]).map((m) => ({
          at: m.at,
          event: m.event,
          ...(m.rank !== undefined && { rank: m.rank }),
          ...(m.reason !== undefined && { reason: m.reason }),
        })),
      }),
      unavailable: reads.unavailable,
    };
  }
}
