import { ageRangeProblem } from '../domain/age-range';
import { THEMES, unknownThemes } from '../domain/themes';
import { SEED_ACTIVITIES, SEED_TEAMS } from './dev-catalogue';

describe('the synthetic development catalogue', () => {
  it('has a few teams in Utrecht and Amersfoort and about twenty activities', () => {
    expect(new Set(SEED_TEAMS.flatMap((t) => t.municipalityCodes))).toEqual(new Set(['GM0344', 'GM0307']));
    expect(SEED_ACTIVITIES.length).toBeGreaterThanOrEqual(18);
    expect(SEED_ACTIVITIES.length).toBeLessThanOrEqual(25);
  });

  it('covers every theme of the vocabulary and uses no other', () => {
    const used = new Set(SEED_ACTIVITIES.flatMap((a) => a.themes));
    expect(unknownThemes([...used])).toEqual([]);
    expect([...THEMES].filter((t) => !used.has(t))).toEqual([]);
  });

  it('covers the age bands from kinderwerk (4) to young adults (23)', () => {
    for (const age of [4, 8, 12, 16, 20, 23]) {
      expect(SEED_ACTIVITIES.some((a) => a.minAge <= age && age <= a.maxAge)).toBe(true);
    }
  });

  it('has only valid activities, each in a municipality its team serves', () => {
    for (const a of SEED_ACTIVITIES) {
      const team = SEED_TEAMS.find((t) => t.key === a.team);
      expect(team?.municipalityCodes).toContain(a.municipalityCode);
      expect(ageRangeProblem(a.minAge, a.maxAge)).toBeUndefined();
      expect(a.capacity).toBeGreaterThan(0);
    }
  });
});
