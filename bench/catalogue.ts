/**
 * The activity catalogue a benchmark needs, created through the activity service's API as an
 * administrator would: one team per municipality and enough open group activities that no
 * youngster of the whole run is ever queued for want of a seat (so every `entered` ends in a task).
 */
import { authHeader } from '@samenspel/testing';

/** The most seats one activity may have (CreateActivityDto). */
const MAX_CAPACITY = 10000;

/** Municipality codes of no real municipality (GM99xx), so the development seed catalogue stays out of it. */
export function benchMunicipalities(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `GM99${String(i + 1).padStart(2, '0')}`);
}

export interface Catalogue {
  municipalities: string[];
  activities: number;
  seats: number;
}

export async function seedCatalogue(
  activityUrl: string,
  municipalities: string[],
  seatsNeeded: number,
): Promise<Catalogue> {
  const admin = { ...(await authHeader('admin')), 'content-type': 'application/json' };
  const post = async (path: string, body?: unknown) => {
    const res = await fetch(`${activityUrl}/api/v1${path}`, {
      method: 'POST',
      headers: admin,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  // At least three activities per municipality, so ranking has a choice to make.
  const perMunicipality = Math.max(3, Math.ceil((seatsNeeded * 1.2) / municipalities.length / MAX_CAPACITY));
  let activities = 0;
  for (const municipalityCode of municipalities) {
    const team = await post('/teams', {
      name: `Jongerenwerk bench ${municipalityCode}`,
      organisation: 'Stichting Synthetisch (bench)',
      municipalityCodes: [municipalityCode],
    });
    for (let i = 0; i < perMunicipality; i++) {
      const activity = await post('/activities', {
        teamId: team.id,
        title: `Bench groep ${municipalityCode} ${i + 1}`,
        kind: 'group',
        themes: [
          ['music', 'sport'],
          ['creative', 'gaming'],
          ['outdoor', 'cooking'],
        ][i % 3],
        minAge: 4,
        maxAge: 23,
        municipalityCode,
        postcode4: String(3511 + i * 10),
        schedule: { slots: [{ day: 'WE', start: '15:30', end: '17:00' }] },
        capacity: MAX_CAPACITY,
        contactRole: 'jongerenwerker',
      });
      await post(`/activities/${activity.id}/publish`);
      activities += 1;
    }
  }
  return { municipalities, activities, seats: activities * MAX_CAPACITY };
}
