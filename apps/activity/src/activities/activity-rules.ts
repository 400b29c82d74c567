import { InvalidField } from '@samenspel/contracts';
import { ageRangeProblem } from '../domain/age-range';
import { THEMES, unknownThemes } from '../domain/themes';
import type { Team } from '../teams/team.entity';
import type { ActivityFields } from './activity.entity';

/** Rules over several fields or the team, checked before anything is written. */
export function assertValidActivity(f: ActivityFields, team: Team): void {
  const unknown = unknownThemes(f.themes);
  if (unknown.length > 0) {
    throw new InvalidField('themes', `unknown theme(s) ${unknown.join(', ')}; known: ${THEMES.join(', ')}`);
  }
  const ageProblem = ageRangeProblem(f.minAge, f.maxAge);
  if (ageProblem) throw new InvalidField('minAge', ageProblem);
  if (!f.schedule.rrule && !(f.schedule.slots && f.schedule.slots.length > 0)) {
    throw new InvalidField('schedule', 'give an rrule or at least one slot');
  }
  if (!team.municipalityCodes.includes(f.municipalityCode)) {
    throw new InvalidField(
      'municipalityCode',
      `team ${team.id} serves ${team.municipalityCodes.join(', ')}, not ${f.municipalityCode}`,
    );
  }
}
