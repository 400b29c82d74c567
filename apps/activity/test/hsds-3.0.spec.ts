import { hsdsProblems, type HsdsObject } from './hsds-3.0';

const ID = '7d0c9a4e-5b2f-4f1a-8c3d-1e9b6a2f4c80';
const page = (totalItems: number) => ({
  total_items: totalItems,
  total_pages: 1,
  page_number: 1,
  size: 0,
  first_page: true,
  last_page: true,
  empty: true,
  contents: [],
});

describe('the HSDS 3.0 check our /hsds test applies', () => {
  it.each<[string, unknown, string[]]>([
    ['a minimal service', { id: ID, name: 'Football', status: 'active' }, []],
    [
      'a service without its required fields',
      { id: ID },
      ['service.name: is required', 'service.status: is required'],
    ],
    [
      'a status outside the enum',
      { id: ID, name: 'x', status: 'open' },
      ['service.status: is not one of active, inactive, defunct, temporarily closed'],
    ],
    ['an id that is no UUID', { id: 'a-1', name: 'x', status: 'active' }, ['service.id: is not a UUID']],
    [
      'a date-time without zone',
      { id: ID, name: 'x', status: 'active', last_modified: '2026-03-01T12:30:00' },
      ['service.last_modified: is not an RFC 3339 date-time'],
    ],
    [
      'an age as text',
      { id: ID, name: 'x', status: 'active', minimum_age: '12' },
      ['service.minimum_age: is not a number'],
    ],
    [
      'a field HSDS does not have',
      { id: ID, name: 'x', status: 'active', youthRef: 'yr_1' },
      ['service.youthRef: is not a field of service that this check knows'],
    ],
    [
      'nested schedules with a bad day and time',
      {
        id: ID,
        name: 'x',
        status: 'active',
        schedules: [{ id: ID, freq: 'WEEKLY', byday: 'WED', opens_at: '3pm' }],
      },
      ['service.schedules[0].byday: is not iCal BYDAY', 'service.schedules[0].opens_at: is not a time HH:MM'],
    ],
    [
      'a capacity without its unit',
      {
        id: ID,
        name: 'x',
        status: 'active',
        capacities: [{ id: ID, available: 3, updated: '2026-03-01T12:30:00Z' }],
      },
      ['service.capacities[0].unit: is required'],
    ],
  ])('%s', (_, value, problems) => {
    expect(hsdsProblems('service', value)).toEqual(problems);
  });

  it.each<[string, HsdsObject, unknown, string[]]>([
    ['a page', 'page', page(0), []],
    ['a page with a fraction', 'page', page(1.5), ['page.total_items: is not an integer']],
    [
      'a location with a relative url',
      'location',
      { id: ID, location_type: 'physical', url: '/here' },
      ['location.url: is not an absolute URI'],
    ],
  ])('%s', (_, type, value, problems) => {
    expect(hsdsProblems(type, value)).toEqual(problems);
  });
});
