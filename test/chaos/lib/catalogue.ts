import { authHeader, INTAKE_SYSTEMS, INTERESTS } from '@samenspel/testing';

export interface SeededCatalogue {
  teams: number;
  activities: number;
  seats: number;
}

/**
 * A small youth-work catalogue in the municipalities of the synthetic intake systems: one team
 * each and a few open activities with few seats, so that seats run out, youngsters queue and the
 * capacity rule is under pressure all run long.
 */
export async function seedCatalogue(
  activityUrl: string,
  { activitiesPerMunicipality = 4, capacity = 20 } = {},
): Promise<SeededCatalogue> {
  const admin = { ...(await authHeader('admin')), 'content-type': 'application/json' };
  let activities = 0;
  for (const system of INTAKE_SYSTEMS) {
    const municipalityCode = system.municipalities[0];
    const team = await post(activityUrl, '/api/v1/teams', admin, {
      name: `Jongerenwerk chaos ${municipalityCode}`,
      organisation: 'Stichting Synthetisch',
      municipalityCodes: [municipalityCode],
    });
    for (let i = 0; i < activitiesPerMunicipality; i++) {
      const activity = await post(activityUrl, '/api/v1/activities', admin, {
        teamId: team.id,
        title: `Chaosgroep ${municipalityCode} ${i + 1}`,
        kind: 'group',
        themes: [INTERESTS[(i * 2) % INTERESTS.length], INTERESTS[(i * 2 + 1) % INTERESTS.length]],
        minAge: 10,
        maxAge: 21,
        municipalityCode,
        postcode4: system.postcodes[i % system.postcodes.length],
        schedule: { slots: [{ day: 'WE', start: '15:30', end: '17:00' }] },
        capacity,
        contactRole: 'jongerenwerker',
      });
      await post(activityUrl, `/api/v1/activities/${activity.id}/publish`, admin, undefined, 200);
      activities += 1;
    }
  }
  return { teams: INTAKE_SYSTEMS.length, activities, seats: activities * capacity };
}

async function post(
  baseUrl: string,
  path: string,
  headers: Record<string, string>,
  body: unknown,
  expected = 201,
): Promise<{ id: string }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers,
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  if (res.status !== expected) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string };
}
