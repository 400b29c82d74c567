import { impactScope, type ImpactAsker } from './impact-scope';

const policy: ImpactAsker = { role: 'policy', municipalityCodes: ['GM0344', 'GM0307'] };

describe('which municipalities a caller sees the impact of', () => {
  it.each<[string, ImpactAsker, string | undefined, ReturnType<typeof impactScope>]>([
    ['ops, none asked: every municipality', { role: 'ops' }, undefined, { municipalityCodes: undefined }],
    ['admin, one asked: that one', { role: 'admin' }, 'GM0363', { municipalityCodes: ['GM0363'] }],
    ['policy, none asked: their own', policy, undefined, { municipalityCodes: ['GM0344', 'GM0307'] }],
    ['policy, their own asked: that one', policy, 'GM0307', { municipalityCodes: ['GM0307'] }],
    [
      'policy, another asked: refused',
      policy,
      'GM0363',
      { refused: 'The figures of GM0363 are not among your municipalities' },
    ],
    [
      "policy, the cell of unknown municipalities asked: refused (it is nobody's own)",
      policy,
      'unknown',
      { refused: 'The figures of unknown are not among your municipalities' },
    ],
    ['policy without municipalities: none', { role: 'policy' }, undefined, { municipalityCodes: [] }],
  ])('%s', (_scenario, asker, asked, scope) => {
    expect(impactScope(asker, asked)).toEqual(scope);
  });
});
