import { globalModule } from '@samenspel/bootstrap';
import { TeamContactsRepository } from '../email/team-contacts.repository';
import { FollowUpClaimsRepository } from '../follow-ups/follow-up-claims.repository';
import { FollowUpsRepository } from '../follow-ups/follow-ups.repository';
import { TasksRepository } from '../tasks/tasks.repository';
import { TeamsRepository } from '../teams/teams.repository';
import { DeliveriesRepository } from '../webhooks/deliveries.repository';
import { WebhooksRepository } from '../webhooks/webhooks.repository';

/**
 * The repositories, shared by the feature modules: announcing a task queues its webhook and e-mail
 * deliveries, and a failing webhook gives its team a task.
 */
export const StoreModule = globalModule('StoreModule', [
  TasksRepository,
  FollowUpsRepository,
  FollowUpClaimsRepository,
  WebhooksRepository,
  DeliveriesRepository,
  TeamContactsRepository,
  TeamsRepository,
]);
