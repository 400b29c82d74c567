import { NotFoundError, type Principal } from '@samenspel/http';
import { isTeamScoped } from '../tasks/team-access';
import type { WebhookRow } from './webhooks.repository';

/** Another team's webhook answers 404, as a missing one does. */
export function assertWebhookVisible(
  principal: Principal,
  row: WebhookRow | undefined,
  id: string,
): WebhookRow {
  if (!row || (isTeamScoped(principal) && row.team_id !== principal.teamId)) {
    throw new NotFoundError(`No webhook ${id}`, 'webhook-not-found');
  }
  return row;
}
