import { ActivityNotFound } from '@samenspel/contracts';
import type { EntityManager } from 'typeorm';
import { assertActsForTeam, type Actor } from '../domain/team-scope';
import type { ActivitiesRepository } from './activities.repository';
import type { Activity } from './activity.entity';

/**
 * The activity a change is about, row-locked until the transaction ends: not found when it does
 * not exist, forbidden when the principal does not act for its team.
 */
export async function lockOwnActivity(
  activities: ActivitiesRepository,
  em: EntityManager,
  principal: Actor,
  activityId: string,
): Promise<Activity> {
  const current = await activities.lock(em, activityId);
  if (!current) throw new ActivityNotFound();
  assertActsForTeam(principal, current.teamId);
  return current;
}
