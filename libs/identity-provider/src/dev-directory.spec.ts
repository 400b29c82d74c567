import { DEV_TEAMS } from '@samenspel/contracts';
import { principalFromClaims } from '@samenspel/http';
import { DEV_MACHINE_CLIENTS, DEV_PAGE_CLIENTS, DEV_USERS } from './dev-directory';

describe('the development directory', () => {
  it.each([
    ['jw-overvecht', 'youth-worker', 'Jongerenwerk Overvecht'],
    ['lead-overvecht', 'team-lead', 'Jongerenwerk Overvecht'],
    ['jw-kanaleneiland', 'youth-worker', 'Jongerenwerk Kanaleneiland'],
    ['lead-kanaleneiland', 'team-lead', 'Jongerenwerk Kanaleneiland'],
    ['jw-amersfoort-noord', 'youth-worker', 'Jongerenwerk Amersfoort Noord'],
    ['lead-amersfoort-noord', 'team-lead', 'Jongerenwerk Amersfoort Noord'],
    ['jw-kinderwerk-amersfoort', 'youth-worker', 'Kinderwerk Amersfoort'],
    ['lead-kinderwerk-amersfoort', 'team-lead', 'Kinderwerk Amersfoort'],
  ])('gives %s the role %s in the team %s, by its fixed id', (username, role, teamName) => {
    const user = DEV_USERS.find((u) => u.username === username)!;

    expect(user.claims).toEqual({ role, teamId: DEV_TEAMS.find((t) => t.name === teamName)!.id });
  });

  it('completes the set with admin, ops and the policy officer of Utrecht', () => {
    expect(DEV_USERS.filter((u) => !u.claims.teamId).map((u) => [u.username, u.claims])).toEqual([
      ['admin', { role: 'admin' }],
      ['ops', { role: 'ops' }],
      ['beleid-utrecht', { role: 'policy', municipalityCodes: ['GM0344'] }],
    ]);
  });

  it('gives every user and machine claims the services accept', () => {
    const callers = [
      ...DEV_USERS.map((u) => ({ sub: u.username, ...u.claims })),
      ...DEV_MACHINE_CLIENTS.map((c) => ({ sub: c.clientId, ...c.claims })),
    ];
    for (const claims of callers) expect(principalFromClaims(claims)).toEqual(claims);
  });

  it('has the workspace on the notification service and the console on the ops console as page clients', () => {
    expect(DEV_PAGE_CLIENTS.map((c) => [c.clientId, c.origin])).toEqual([
      ['workspace', 'http://127.0.0.1:3004'],
      ['console', 'http://127.0.0.1:3000'],
    ]);
  });
});
