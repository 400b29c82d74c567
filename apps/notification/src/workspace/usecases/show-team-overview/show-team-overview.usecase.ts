import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@samenspel/messaging';
import { TasksRepository } from '../../../tasks/tasks.repository';
import type { TeamOverview } from '../../dto/workspace.dto';
import { OwnerReads, OwningServicesPort } from '../../owning-services.port';
import type { ShowTeamOverviewCommand } from './show-team-overview.command';

type Json = Record<string, unknown>;

/** The team's activities the overview lists; more than this is not a team's page. */
const ACTIVITY_LIMIT = 100;

/**
 * A team-lead's view of their team: open and overdue tasks per worker (here), the team's
 * activities with live capacity (activity) and how many youngsters are queued in the team's
 * municipalities (bridging, a count), each owner asked with the lead's own token. A part its owner
 * refuses or cannot give is left out and named in `unavailable`.
 */
@Injectable()
export class ShowTeamOverview {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly owners: OwningServicesPort,
  ) {}

  async execute(command: ShowTeamOverviewCommand, uow: UnitOfWork): Promise<TeamOverview> {
    const teamId = command.principal.teamId as string;
    const reads = new OwnerReads(this.owners, command.bearerToken);
    const [workers, activities, queue] = await Promise.all([
      this.tasks.openPerAssignee(uow.em, teamId, command.now),
      reads.get(
        'activity',
        `/api/v1/activities?teamId=${encodeURIComponent(teamId)}&limit=${ACTIVITY_LIMIT}`,
      ),
      reads.get('waitlist-bridging', '/api/v1/team-queue'),
    ]);
    return {
      teamId,
      workers: workers.map((w) => ({ worker: w.assignee, open: w.open, overdue: w.overdue })),
      ...(activities &&
        Array.isArray(activities.items) && {
          activities: (activities.items as Json[]).map((a) => ({
            activityId: a.id as string,
            title: a.title as string,
            status: a.status as string,
            capacity: a.capacity as Record<string, number>,
          })),
        }),
      ...(queue && {
        queue: {
          queued: queue.queued as number,
          municipalities: queue.municipalities as { municipalityCode: string; queued: number }[],
        },
      }),
      unavailable: reads.unavailable,
    };
  }
}
