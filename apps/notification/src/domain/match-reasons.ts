/** One reason an activity was offered, as a code with its words in Dutch and English. */
export interface MatchReason {
  code:
    'shared-interests' | 'no-shared-interests' | 'same-postcode-area' | 'nearby-postcode-area' | 'age-fits';
  nl: string;
  en: string;
}

/**
 * Why the activity was matched, in words, by the ranking's own criteria in its own order
 * (docs/activity.md, Matching): shared interests first, then how near the postcode areas are, then
 * the age band. Built from the youngster's profile fields and the activity's, nothing else.
 */
export function matchReasons(
  youngster: { ageYears: number; postcode4: string; interests: readonly string[] },
  activity: { themes: readonly string[]; postcode4: string; minAge: number; maxAge: number },
): MatchReason[] {
  const themes = new Set(activity.themes.map((t) => t.toLowerCase()));
  const shared = [...new Set(youngster.interests.map((i) => i.toLowerCase()))].filter((i) => themes.has(i));
  const reasons: MatchReason[] = [
    shared.length > 0
      ? {
          code: 'shared-interests',
          nl: `Gedeelde interesses: ${shared.join(', ')}`,
          en: `Shared interests: ${shared.join(', ')}`,
        }
      : { code: 'no-shared-interests', nl: 'Geen gedeelde interesses', en: 'No shared interests' },
  ];
  if (activity.postcode4 === youngster.postcode4) {
    reasons.push({
      code: 'same-postcode-area',
      nl: `Zelfde postcodegebied (${activity.postcode4})`,
      en: `Same postcode area (${activity.postcode4})`,
    });
  } else {
    reasons.push({
      code: 'nearby-postcode-area',
      nl: `Postcodegebied ${activity.postcode4}, dichtbij ${youngster.postcode4}`,
      en: `Postcode area ${activity.postcode4}, near ${youngster.postcode4}`,
    });
  }
  reasons.push({
    code: 'age-fits',
    nl: `Leeftijd ${youngster.ageYears} past bij ${activity.minAge}–${activity.maxAge} jaar`,
    en: `Age ${youngster.ageYears} fits ${activity.minAge}–${activity.maxAge} years`,
  });
  return reasons;
}
