/**
 * The four teams of the development catalogue, with fixed ids: the activity service seeds them
 * under these ids and the development identity provider puts them in its users' teamId claims, so
 * that a person who signs in as `jw-overvecht` sees Jongerenwerk Overvecht's tasks. Synthetic.
 */
export const DEV_TEAMS = [
  { key: 'overvecht', id: '0d5e7a00-0000-4000-8000-000000000001', name: 'Jongerenwerk Overvecht' },
  { key: 'kanaleneiland', id: '0d5e7a00-0000-4000-8000-000000000002', name: 'Jongerenwerk Kanaleneiland' },
  {
    key: 'amersfoort-noord',
    id: '0d5e7a00-0000-4000-8000-000000000003',
    name: 'Jongerenwerk Amersfoort Noord',
  },
  { key: 'kinderwerk-amersfoort', id: '0d5e7a00-0000-4000-8000-000000000004', name: 'Kinderwerk Amersfoort' },
] as const;

export type DevTeamKey = (typeof DEV_TEAMS)[number]['key'];

/** The fixed id of a development team. */
export function devTeamId(key: DevTeamKey): string {
  return DEV_TEAMS.find((t) => t.key === key)!.id;
}
