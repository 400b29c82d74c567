/**
 * The controlled vocabulary of activity themes. Extend it by adding a word here and a line to
 * docs/activity.md; existing words are never renamed (other services match interests on them).
 */
export const THEMES = [
  'sport',
  'music',
  'creative',
  'gaming',
  'girls-group',
  'boys-group',
  'wellbeing',
  'homework',
  'work-experience',
  'outdoor',
  'cooking',
  'media',
] as const;

export type Theme = (typeof THEMES)[number];

/** The themes of a write that are not in the vocabulary (empty when all are known). */
export function unknownThemes(themes: readonly string[], vocabulary: readonly string[] = THEMES): string[] {
  return themes.filter((t) => !vocabulary.includes(t));
}
