import { OrgClaimMissing } from '@samenspel/contracts';
import { visibleSources, type ScopeCaller } from './intake-scope';

const p = (role: string, claims: Partial<ScopeCaller> = {}): ScopeCaller => ({ role, ...claims });

describe('visibleSources', () => {
  it.each([
    ['a bare org claim', 'regio-utrecht', ['urn:jeugdzorg:intake:regio-utrecht']],
    [
      'the full source URN',
      'urn:jeugdzorg:intake:regio-amersfoort',
      ['urn:jeugdzorg:intake:regio-amersfoort'],
    ],
  ])('limits an intake system to its own organisation, named by %s', (_how, org, sources) => {
    expect(visibleSources(p('intake-system', { org }))).toEqual(sources);
  });

  it('refuses an intake-system token without an org claim', () => {
    expect(() => visibleSources(p('intake-system'))).toThrow(OrgClaimMissing);
  });

  it.each(['ops', 'admin'] as const)('lets %s see every organisation', (role) => {
    expect(visibleSources(p(role))).toBeUndefined();
  });
});
