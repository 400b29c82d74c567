import { aYouthRef, authHeader, startService, type ServiceUnderTest } from '@samenspel/testing';
import { ActivityApi, aMunicipalityCode, problemType, type Reply } from './activity-harness';
import type { HsdsPage } from '../src/domain/hsds';
import { hsdsProblems, type HsdsObject } from './hsds-3.0';

type Json = Record<string, unknown>;
type Page = HsdsPage<Json>;

/**
 * The /hsds API on a running activity service with the development profile's synthetic catalogue,
 * plus activities of the tests' own: every object it serves is checked against HSDS 3.0.x.
 */
describe('the catalogue as Open Referral HSDS 3.0', () => {
  let sut: ServiceUnderTest;
  let api: ActivityApi;

  const hsds = async <T = Json>(path: string, token = true): Promise<Reply<T>> => {
    const res = await fetch(`${sut.baseUrl}/hsds${path}`, {
      headers: token ? await authHeader('youth-worker', { teamId: 'a-team' }) : {},
    });
    return {
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      body: (await res.json()) as T,
    };
  };

  const ok = async <T = Json>(path: string): Promise<T> => {
    const reply = await hsds<T>(path);
    expect({ path, status: reply.status }).toEqual({ path, status: 200 });
    return reply.body;
  };

  /** Every page of a list, each page checked as an HSDS page. */
  const everything = async (path: string, perPage = 7): Promise<Json[]> => {
    const items: Json[] = [];
    for (let page = 1; ; page++) {
      const body = await ok<Page>(`${path}${path.includes('?') ? '&' : '?'}page=${page}&per_page=${perPage}`);
      expect(hsdsProblems('page', body, `${path} page ${page}`)).toEqual([]);
      expect(body).toMatchObject({ page_number: page, size: body.contents.length, first_page: page === 1 });
      items.push(...body.contents);
      if (body.last_page) {
        expect({ pages: page, items: items.length }).toEqual({
          pages: body.total_pages,
          items: body.total_items,
        });
        return items;
      }
    }
  };

  const conforms = (type: HsdsObject, objects: Json[]) => {
    expect(objects.length).toBeGreaterThan(0);
    expect(objects.flatMap((o) => hsdsProblems(type, o, `${type} ${String(o.id)}`))).toEqual([]);
  };

  beforeAll(async () => {
    // The development profile loads the synthetic catalogue: four teams, twenty-one activities.
    sut = await startService('activity', { env: { NODE_ENV: 'development' } });
    api = new ActivityApi(sut);
  }, 90000);
  afterAll(async () => {
    await sut?.dispose();
  });

  it('serves every published activity as a service, page by page, each a valid HSDS 3.0 service', async () => {
    const catalogue = await api.call<{ items: { id: string; status: string }[] }>(
      'GET',
      '/activities?limit=100',
    );
    const published = catalogue.body.items.filter((a) => a.status !== 'draft').map((a) => a.id);

    const summaries = await everything('/services');
    conforms('service', summaries);
    expect(summaries.map((s) => s.id).sort()).toEqual(published.sort());

    const full = await Promise.all(summaries.map((s) => ok<Json>(`/services/${String(s.id)}`)));
    conforms('service', full);
    expect(await everything('/services?full=true', 50)).toEqual(full);
    for (const service of full) {
      // Every nested part is there, not only valid when present.
      expect(service).toMatchObject({
        organization: { id: service.organization_id },
        attributes: expect.arrayContaining([expect.anything()]),
        schedules: expect.arrayContaining([expect.objectContaining({ service_id: service.id })]),
        service_areas: [expect.objectContaining({ service_id: service.id })],
        service_at_locations: [expect.objectContaining({ service_id: service.id })],
        contacts: [expect.objectContaining({ service_id: service.id })],
        capacities: [expect.objectContaining({ service_id: service.id, unit: expect.anything() })],
      });
    }
  });

  it('serves organizations, service-at-locations and the theme taxonomy as valid HSDS 3.0 objects', async () => {
    const organizations = await everything('/organizations', 3);
    conforms('organization', organizations);
    conforms(
      'organization',
      await Promise.all(organizations.map((o) => ok(`/organizations/${String(o.id)}`))),
    );

    const atLocations = await everything('/service_at_locations');
    conforms('service_at_location', atLocations);
    expect(atLocations.every((x) => (x.location as Json).id === x.location_id)).toBe(true);

    const taxonomies = await everything('/taxonomies');
    conforms('taxonomy', taxonomies);
    expect(taxonomies).toHaveLength(1);
    const terms = await everything('/taxonomy_terms', 5);
    conforms('taxonomy_term', terms);
    const byId = await Promise.all(terms.map((t) => ok<Json>(`/taxonomy_terms/${String(t.id)}`)));
    conforms('taxonomy_term', byId);
    expect(byId.map((t) => t.taxonomy_detail)).toEqual(terms.map(() => taxonomies[0]));
    conforms('taxonomy', [await ok<Json>(`/taxonomies/${String(taxonomies[0].id)}`)]);
  });

  it('shows live seats and the status, never a draft and never who holds a seat', async () => {
    const teamId = await api.aTeam();
    const held = await api.anActivity(teamId, {
      capacity: 3,
      kind: 'online',
      accessibilityNotes: 'Captions on every video call',
      schedule: { rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=SA;BYHOUR=10;BYMINUTE=30;UNTIL=20270630T000000Z' },
    });
    const youthRef = aYouthRef();
    expect((await api.hold(held, youthRef)).status).toBe(201);
    const paused = await api.anActivity(teamId);
    const closed = await api.anActivity(teamId);
    const draft = await api.anActivity(teamId, {}, { publish: false });
    const lead = { role: 'team-lead' as const, teamId };
    expect((await api.call('POST', `/activities/${paused}/pause`, undefined, lead)).status).toBe(200);
    expect((await api.call('POST', `/activities/${closed}/close`, {}, lead)).status).toBe(200);

    const services = await everything(`/services?organization_id=${teamId}&full=true`);
    conforms('service', services);
    const byId = new Map(services.map((s) => [s.id, s]));
    expect([...byId.keys()].sort()).toEqual([held, paused, closed].sort());
    // Capacity 3, one seat held: 3 - 1 = 2 available.
    expect(byId.get(held)).toMatchObject({
      status: 'active',
      capacities: [{ available: 2, maximum: 3 }],
      schedules: [{ freq: 'WEEKLY', interval: 2, byday: 'SA', opens_at: '10:30', until: '2027-06-30' }],
      service_at_locations: [
        {
          location: {
            location_type: 'virtual',
            accessibility: [expect.objectContaining({ description: 'Captions on every video call' })],
          },
        },
      ],
    });
    expect(byId.get(paused)).toMatchObject({ status: 'temporarily closed' });
    expect(byId.get(closed)).toMatchObject({ status: 'inactive' });
    expect(await hsds(`/services/${draft}`)).toMatchObject({
      status: 404,
      contentType: expect.stringContaining('application/problem+json'),
      body: { type: problemType('service-not-found') },
    });
    const everythingServed = JSON.stringify([
      services,
      await everything('/service_at_locations', 100),
      await everything('/organizations', 100),
    ]);
    expect(everythingServed).not.toContain(youthRef);
    expect(everythingServed).not.toContain(draft);
  });

  it('filters services by taxonomy term, age, municipality code, free seats and organization', async () => {
    const municipalityCode = aMunicipalityCode();
    const teamId = await api.aTeam([municipalityCode]);
    const at = { municipalityCode };
    const football = await api.anActivity(teamId, { ...at, themes: ['sport'], minAge: 10, maxAge: 14 });
    const music = await api.anActivity(teamId, { ...at, themes: ['music'], minAge: 15, maxAge: 20 });
    const full = await api.anActivity(teamId, { ...at, themes: ['sport', 'music'], capacity: 1 });
    expect((await api.hold(full, aYouthRef())).status).toBe(201);
    const sportTerm = (await everything('/taxonomy_terms', 100)).find((t) => t.code === 'sport')!;

    const ids = async (query: string) =>
      (await everything(`/services?municipalityCode=${municipalityCode}&${query}`)).map((s) => s.id).sort();
    expect(await ids('taxonomy_term_id=sport')).toEqual([football, full].sort());
    expect(await ids(`taxonomy_term_id=${String(sportTerm.id)}`)).toEqual([football, full].sort());
    expect(await ids('taxonomy_term_id=knitting')).toEqual([]);
    expect(await ids('age=15')).toEqual([music, full].sort());
    expect(await ids('withFreeSeats=true')).toEqual([football, music].sort());
    expect(await ids(`organization_id=${teamId}&age=12&withFreeSeats=true`)).toEqual([football]);
    const atLocations = await everything(`/service_at_locations?municipalityCode=${municipalityCode}&age=12`);
    expect(atLocations.map((x) => x.service_id).sort()).toEqual([football, full].sort());
    const organizations = await everything(`/organizations?municipalityCode=${municipalityCode}`);
    expect(organizations.map((o) => o.id)).toEqual([teamId]);
  });

  it('documents every /hsds route in OpenAPI with a summary, its tag and its problem+json errors', async () => {
    type Operation = { summary?: string; tags?: string[]; responses: Record<string, { content?: Json }> };
    const doc = (await (await fetch(`${sut.baseUrl}/docs-json`)).json()) as {
      paths: Record<string, Record<string, Operation>>;
    };
    const routes = Object.entries(doc.paths).filter(([path]) => path.startsWith('/hsds'));
    expect(routes).toHaveLength(10);
    for (const [path, { get }] of routes) {
      // An id in the path can be malformed or unknown; a list's page parameters can be invalid. Every
      // route that takes a token documents 401 and 403, as all routes do.
      const errors = [
        ...(path === '/hsds' ? [] : ['400']),
        '401',
        '403',
        ...(path.endsWith('{id}') ? ['404'] : []),
        '429',
      ];
      expect({ path, summary: Boolean(get.summary), tags: get.tags }).toEqual({
        path,
        summary: true,
        tags: ['hsds'],
      });
      expect({ path, errors: Object.keys(get.responses).filter((s) => s >= '400') }).toEqual({
        path,
        errors,
      });
      for (const status of errors)
        expect(get.responses[status].content).toHaveProperty(['application/problem+json']);
    }
  });

  it('answers problem+json: 401 without a token, 400 for a bad page or parameter, 404 for an unknown id', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const answers = await Promise.all([
      hsds('/services', false),
      hsds('/services?page=0'),
      hsds('/services?per_page=101'),
      hsds('/services?municipality=GM0344'),
      hsds('/services/not-a-uuid'),
      hsds(`/services/${unknown}`),
      hsds(`/organizations/${unknown}`),
      hsds(`/taxonomies/${unknown}`),
      hsds(`/taxonomy_terms/${unknown}`),
    ]);
    expect(answers.map((a) => [a.status, a.contentType.split(';')[0]])).toEqual([
      [401, 'application/problem+json'],
      ...Array.from({ length: 4 }, () => [400, 'application/problem+json']),
      ...Array.from({ length: 4 }, () => [404, 'application/problem+json']),
    ]);
    expect(answers.slice(5).map((a) => (a.body as Json).type)).toEqual(
      ['service', 'organization', 'taxonomy', 'taxonomy-term'].map((t) => problemType(`${t}-not-found`)),
    );
  });
});
