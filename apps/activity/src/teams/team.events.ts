import { ACTIVITY_EVENT_TYPES, type TeamData } from '@samenspel/contracts';
import type { NewEvent } from '@samenspel/messaging';
import type { Team } from './team.entity';

/** Team events are keyed by the team's id. */
export function teamEvent(type: 'created' | 'updated', team: Team): NewEvent<TeamData> {
  return {
    type: type === 'created' ? ACTIVITY_EVENT_TYPES.teamCreated : ACTIVITY_EVENT_TYPES.teamUpdated,
    key: team.id,
    aggregateType: 'team',
    aggregateId: team.id,
    data: {
      teamId: team.id,
      name: team.name,
      organisation: team.organisation,
      municipalityCodes: team.municipalityCodes,
    },
  };
}
