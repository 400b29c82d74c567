import type { Activity } from '../activities/activity.entity';
import type { Team } from '../teams/team.entity';
import {
  derivedId,
  hsdsLocation,
  hsdsOrganization,
  hsdsPage,
  hsdsSchedules,
  hsdsService,
  hsdsServiceStatus,
  hsdsServiceSummary,
  scheduleOfRrule,
  THEME_TAXONOMY,
  THEME_TERM_LIST,
  themeOfTerm,
  themeTerm,
} from './hsds';
import { THEMES } from './themes';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const team: Team = {
  id: '2b1f6a0e-1c4d-4e8a-9f57-0d3c5b7a9e21',
  name: 'Jongerenwerk Overvecht',
  organisation: 'Stichting Samen Utrecht',
  municipalityCodes: ['GM0344'],
  createdAt: new Date('2026-01-05T09:00:00Z'),
  updatedAt: new Date('2026-01-05T09:00:00Z'),
};

function anActivity(fields: Partial<Activity> = {}): Activity {
  return {
    id: '7d0c9a4e-5b2f-4f1a-8c3d-1e9b6a2f4c80',
    teamId: team.id,
    title: 'Voetbal op het Cruyff Court',
    description: 'Football on Wednesdays',
    kind: 'group',
    themes: ['sport', 'outdoor'],
    minAge: 10,
    maxAge: 16,
    municipalityCode: 'GM0344',
    postcode4: '3562',
    locationName: 'Cruyff Court Overvecht',
    accessibilityNotes: null,
    schedule: { slots: [{ day: 'WE', start: '15:30', end: '17:00' }] },
    contactRole: 'jongerenwerker',
    capacity: 16,
    held: 3,
    confirmed: 5,
    status: 'open',
    closeReason: null,
    createdAt: new Date('2026-02-01T10:00:00Z'),
    updatedAt: new Date('2026-03-01T12:30:00Z'),
    ...fields,
  };
}

describe('ids of derived HSDS objects', () => {
  it('are version 5 UUIDs, the same for the same input and different for another', () => {
    const id = derivedId('location', 'a');
    expect(id).toMatch(UUID);
    expect(derivedId('location', 'a')).toBe(id);
    expect(derivedId('location', 'b')).not.toBe(id);
    expect(derivedId('schedule', 'a')).not.toBe(id);
  });
});

describe('an HSDS page', () => {
  // total_pages is ceil(total / per page), at least 1; page numbers count from 1.
  it.each<[string, number, number, number, number, object]>([
    [
      'nothing found',
      0,
      0,
      1,
      20,
      { total_pages: 1, size: 0, first_page: true, last_page: true, empty: true },
    ],
    [
      'one short page',
      3,
      3,
      1,
      20,
      { total_pages: 1, size: 3, first_page: true, last_page: true, empty: false },
    ],
    ['the first of three', 45, 20, 1, 20, { total_pages: 3, size: 20, first_page: true, last_page: false }],
    ['the middle of three', 45, 20, 2, 20, { total_pages: 3, size: 20, first_page: false, last_page: false }],
    ['the last, part full', 45, 5, 3, 20, { total_pages: 3, size: 5, first_page: false, last_page: true }],
    ['exactly full pages', 40, 20, 2, 20, { total_pages: 2, size: 20, last_page: true }],
    [
      'past the end',
      45,
      0,
      4,
      20,
      { total_pages: 3, size: 0, first_page: false, last_page: true, empty: true },
    ],
  ])('%s: %i items, %i on page %i of %i each', (_, total, onPage, page, perPage, expected) => {
    const result = hsdsPage(
      Array.from({ length: onPage }, (_, i) => i),
      total,
      page,
      perPage,
    );
    expect(result).toMatchObject({ total_items: total, page_number: page, ...expected });
    expect(result.contents).toHaveLength(onPage);
  });
});

describe('the status of an activity as an HSDS service status', () => {
  it.each([
    ['open', 'active'],
    ['paused', 'temporarily closed'],
    ['closed', 'inactive'],
    ['draft', undefined],
  ] as const)('%s is %p', (status, expected) => {
    expect(hsdsServiceStatus(status)).toBe(expected);
  });

  it('never maps a draft to a service', () => {
    expect(() => hsdsServiceSummary(anActivity({ status: 'draft' }))).toThrow(/draft/);
  });
});

describe('the theme vocabulary as an HSDS taxonomy', () => {
  it('has one term per theme, each in the one taxonomy, with its own id', () => {
    expect(THEME_TERM_LIST.map((t) => t.code)).toEqual([...THEMES]);
    expect(new Set(THEME_TERM_LIST.map((t) => t.id)).size).toBe(THEMES.length);
    for (const term of THEME_TERM_LIST) {
      expect(term).toMatchObject({ taxonomy_id: THEME_TAXONOMY.id, id: expect.stringMatching(UUID) });
      expect(term.name.length * term.description.length).toBeGreaterThan(0);
    }
  });

  it.each([
    ['sport', 'sport'],
    [themeTerm('girls-group').id, 'girls-group'],
    ['football', undefined],
    [derivedId('taxonomy_term', 'football'), undefined],
  ])('finds the theme of term %s: %p', (idOrCode, theme) => {
    expect(themeOfTerm(idOrCode)).toBe(theme);
  });

  it('nests the taxonomy in a term only when asked', () => {
    expect(themeTerm('music')).not.toHaveProperty('taxonomy_detail');
    expect(themeTerm('music', true).taxonomy_detail).toEqual(THEME_TAXONOMY);
  });
});

describe('a team as an HSDS organization', () => {
  it.each([
    [['GM0344'], 'Youth-work team of Stichting Samen Utrecht, serving municipality GM0344.'],
    [
      ['GM0344', 'GM0307'],
      'Youth-work team of Stichting Samen Utrecht, serving municipalities GM0344, GM0307.',
    ],
  ])('serving %j: %s', (municipalityCodes, description) => {
    expect(hsdsOrganization({ ...team, municipalityCodes })).toEqual({
      id: team.id,
      name: team.name,
      description,
    });
  });
});

describe('where an activity takes place, as an HSDS location', () => {
  it.each<[string, Partial<Activity>, object]>([
    [
      'a named place',
      {},
      {
        location_type: 'physical',
        name: 'Cruyff Court Overvecht',
        description: 'In postcode area 3562, municipality GM0344.',
      },
    ],
    ['an unnamed place', { locationName: null }, { location_type: 'physical', name: 'Postcode area 3562' }],
    [
      'online',
      { kind: 'online', locationName: null },
      { location_type: 'virtual', name: 'Online', description: 'Online, for municipality GM0344.' },
    ],
  ])('%s', (_, fields, expected) => {
    expect(hsdsLocation(anActivity(fields))).toMatchObject({
      ...expected,
      organization_id: team.id,
      accessibility: [],
    });
  });

  it('carries the accessibility notes, linked to the location', () => {
    const location = hsdsLocation(anActivity({ accessibilityNotes: 'Step-free entrance' }));
    expect(location.accessibility).toEqual([
      { id: expect.stringMatching(UUID), location_id: location.id, description: 'Step-free entrance' },
    ]);
  });
});

describe('a weekly schedule as HSDS schedules', () => {
  const id = anActivity().id;

  it.each<[string, string, object]>([
    [
      'days and a start',
      'FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=16;BYMINUTE=0',
      { byday: 'MO,WE', opens_at: '16:00' },
    ],
    [
      'a start at minutes past',
      'FREQ=WEEKLY;BYDAY=TU;BYHOUR=9;BYMINUTE=5',
      { byday: 'TU', opens_at: '09:05' },
    ],
    ['every other week', 'RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=FR', { interval: 2, byday: 'FR' }],
    ['until a date', 'FREQ=WEEKLY;BYDAY=SA;UNTIL=20270630T000000Z', { byday: 'SA', until: '2027-06-30' }],
    ['a number of times', 'FREQ=WEEKLY;BYDAY=TH;COUNT=10;WKST=MO', { count: 10, wkst: 'MO' }],
    ['weeks of the year', 'FREQ=WEEKLY;BYWEEKNO=1,2;BYDAY=MO', { byweekno: '1,2' }],
  ])('an RRULE with %s', (_, rrule, expected) => {
    const schedule = scheduleOfRrule(id, rrule);
    expect(schedule).toMatchObject({ service_id: id, freq: 'WEEKLY', ...expected });
    expect(schedule.description).toContain('Europe/Amsterdam');
  });

  it('leaves out what an RRULE does not say', () => {
    expect(Object.keys(scheduleOfRrule(id, 'FREQ=WEEKLY;BYDAY=MO')).sort()).toEqual(
      ['byday', 'description', 'freq', 'id', 'service_id'].sort(),
    );
  });

  it.each<[string, object, object[]]>([
    ['no schedule', {}, []],
    [
      'one slot',
      { slots: [{ day: 'WE', start: '15:30', end: '17:00' }] },
      [{ byday: 'WE', opens_at: '15:30', closes_at: '17:00' }],
    ],
    [
      'an RRULE and two slots',
      {
        rrule: 'FREQ=WEEKLY;BYDAY=MO',
        slots: [
          { day: 'MO', start: '16:00', end: '17:30' },
          { day: 'TH', start: '19:00', end: '21:00' },
        ],
      },
      [{ byday: 'MO' }, { byday: 'MO', opens_at: '16:00' }, { byday: 'TH', closes_at: '21:00' }],
    ],
  ])('%s', (_, schedule, expected) => {
    const schedules = hsdsSchedules(id, schedule);
    expect(schedules).toMatchObject(expected);
    expect(new Set(schedules.map((s) => s.id)).size).toBe(expected.length);
  });
});

describe('an activity as an HSDS service', () => {
  it('gives the one-to-one fields, the organization and the seats', () => {
    // 16 seats, 3 held and 5 confirmed: 16 - 3 - 5 = 8 available.
    expect(hsdsServiceSummary(anActivity(), team)).toEqual({
      id: anActivity().id,
      organization_id: team.id,
      name: 'Voetbal op het Cruyff Court',
      description: 'Football on Wednesdays',
      status: 'active',
      minimum_age: 10,
      maximum_age: 16,
      eligibility_description: 'Ages 10 to 16.',
      last_modified: '2026-03-01T12:30:00.000Z',
      organization: hsdsOrganization(team),
      capacities: [
        expect.objectContaining({
          unit: { id: expect.stringMatching(UUID), name: 'Seat' },
          available: 8,
          maximum: 16,
        }),
      ],
    });
  });

  it.each<[string, Partial<Activity>, number]>([
    ['full', { held: 10, confirmed: 6 }, 0],
    ['empty', { held: 0, confirmed: 0 }, 16],
  ])('counts the seats of a %s activity', (_, seats, available) => {
    expect(hsdsServiceSummary(anActivity(seats)).capacities[0].available).toBe(available);
  });

  it('leaves out an empty description and the organization when none is given', () => {
    const summary = hsdsServiceSummary(anActivity({ description: '' }));
    expect(summary).not.toHaveProperty('description');
    expect(summary).not.toHaveProperty('organization');
  });

  it('nests the themes as attributes, the schedules, the area, the location and the contact role', () => {
    const a = anActivity();
    const service = hsdsService(a, team);
    expect(service.attributes.map((x) => [x.link_id, x.link_entity, x.taxonomy_term.code])).toEqual([
      [a.id, 'service', 'sport'],
      [a.id, 'service', 'outdoor'],
    ]);
    expect(service.schedules).toEqual(hsdsSchedules(a.id, a.schedule));
    expect(service.service_areas).toEqual([
      expect.objectContaining({
        name: 'GM0344',
        uri: 'https://identifier.overheid.nl/tooi/id/gemeente/gm0344',
      }),
    ]);
    expect(service.service_at_locations).toEqual([
      expect.objectContaining({ service_id: a.id, location: hsdsLocation(a) }),
    ]);
    expect(service.contacts).toEqual([
      expect.objectContaining({ service_id: a.id, title: 'jongerenwerker' }),
    ]);
  });

  it('gives a theme outside the vocabulary no attribute', () => {
    expect(hsdsService(anActivity({ themes: ['sport', 'retired-word'] })).attributes).toHaveLength(1);
  });
});
