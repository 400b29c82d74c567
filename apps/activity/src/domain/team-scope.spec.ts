import { ActsForAnotherTeam } from '@samenspel/contracts';
import { assertActsForTeam, ownTeamOf, type Actor } from './team-scope';

const lead = (teamId: string): Actor => ({ role: 'team-lead', teamId });
const worker = (teamId: string): Actor => ({ role: 'youth-worker', teamId });

describe('acting for a team', () => {
  it.each<[string, Actor, string, boolean]>([
    // scenario, actor, the team acted for, allowed
    ['a team-lead for its own team', lead('noord'), 'noord', true],
    ['a team-lead for another team', lead('noord'), 'zuid', false],
    ['a youth-worker for its own team', worker('noord'), 'noord', true],
    ['a youth-worker for another team', worker('noord'), 'zuid', false],
    ['a team role without a team', { role: 'team-lead' }, 'noord', false],
    ['admin for any team', { role: 'admin' }, 'zuid', true],
    ['ops for any team', { role: 'ops' }, 'zuid', true],
    ['service for any team', { role: 'service' }, 'zuid', true],
    ['admin whose token names a team, for another', { role: 'admin', teamId: 'noord' }, 'zuid', true],
  ])('%s: allowed %p', (_scenario, actor, teamId, allowed) => {
    const act = () => assertActsForTeam(actor, teamId);
    if (allowed) expect(act).not.toThrow();
    else expect(act).toThrow(ActsForAnotherTeam);
  });

  it('names the role but not the team in the refusal, and the youngster for the audit trail', () => {
    const refusal = (() => {
      try {
        assertActsForTeam(worker('noord'), 'zuid', 'yr_refused0001');
      } catch (error) {
        return error as ActsForAnotherTeam;
      }
    })();
    expect(refusal?.message).toBe('A youth-worker acts for their own team only');
    expect(refusal?.subjectRef).toBe('yr_refused0001');
  });

  it.each<[string, Actor, string | undefined]>([
    // scenario, actor, the team its lists and holds are limited to
    ['a team-lead', lead('noord'), 'noord'],
    ['a youth-worker', worker('zuid'), 'zuid'],
    ['admin', { role: 'admin' }, undefined],
    ['ops', { role: 'ops' }, undefined],
    ['service', { role: 'service' }, undefined],
    ['service whose token names a team', { role: 'service', teamId: 'noord' }, undefined],
  ])('limits %s to team %p', (_scenario, actor, teamId) => {
    expect(ownTeamOf(actor)).toBe(teamId);
  });
});
