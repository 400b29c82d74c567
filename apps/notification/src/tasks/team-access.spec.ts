import type { Principal } from '@samenspel/http';
import { viewFor } from './team-access';

const p = (role: Principal['role'], teamId?: string): Principal => ({
  sub: 'u-1',
  role,
  ...(teamId && { teamId }),
});
const view = { id: 't-1', youthRef: 'yr_0a1b2c3d4e5f', note: 'called the youngster twice' };

describe('viewFor', () => {
  it.each([p('youth-worker', 'team-a'), p('team-lead', 'team-a'), p('admin')])(
    'shows the note to %j',
    (principal) => {
      expect(viewFor(principal, view)).toEqual(view);
    },
  );

  it.each([p('ops'), p('service')])('keeps the note from %j, refs stay', (principal) => {
    expect(viewFor(principal, view)).toEqual({ id: 't-1', youthRef: 'yr_0a1b2c3d4e5f' });
  });
});
