import type { ConsentGiver } from '../events/consent.dto';
import { consentByAge } from './consent-by-age';

const given = (givenBy: ConsentGiver, youthWork = true) => ({
  youthWork,
  givenBy,
  givenAt: '2026-11-20T09:00:00Z',
});

describe('consent by age (Jeugdwet / WGBO ages)', () => {
  it.each`
    age   | givenBy                 | valid    | reason
    ${0}  | ${'guardian'}           | ${true}  | ${undefined}
    ${11} | ${'guardian'}           | ${true}  | ${undefined}
    ${11} | ${'youth-and-guardian'} | ${true}  | ${undefined}
    ${11} | ${'youth'}              | ${false} | ${'guardian-consent-required'}
    ${12} | ${'youth-and-guardian'} | ${true}  | ${undefined}
    ${12} | ${'guardian'}           | ${false} | ${'youth-and-guardian-consent-required'}
    ${12} | ${'youth'}              | ${false} | ${'youth-and-guardian-consent-required'}
    ${15} | ${'youth-and-guardian'} | ${true}  | ${undefined}
    ${15} | ${'guardian'}           | ${false} | ${'youth-and-guardian-consent-required'}
    ${15} | ${'youth'}              | ${false} | ${'youth-and-guardian-consent-required'}
    ${16} | ${'youth'}              | ${true}  | ${undefined}
    ${16} | ${'youth-and-guardian'} | ${true}  | ${undefined}
    ${16} | ${'guardian'}           | ${false} | ${'youth-consent-required'}
    ${27} | ${'youth'}              | ${true}  | ${undefined}
  `('at $age, consent given by $givenBy is valid: $valid', ({ age, givenBy, valid, reason }) => {
    const verdict = consentByAge(age, given(givenBy));
    expect(verdict.valid).toBe(valid);
    if (!verdict.valid) expect(verdict.reason).toBe(reason);
  });

  it.each([11, 12, 15, 16])('at %i, consent that refuses youth work is never valid', (age) => {
    expect(consentByAge(age, given('youth-and-guardian', false))).toEqual({
      valid: false,
      reason: 'youth-work-refused',
    });
  });

  it('without any consent the youngster stays with youth care', () => {
    expect(consentByAge(15, undefined)).toEqual({ valid: false, reason: 'consent-absent' });
  });
});
