import { DEFAULT_COUNT, parseTaskSearch } from './task-search';

const ID = '6f0d3c2a-5b1e-4c8d-9a7f-2e4b6c8d0a1f';
const none = { updated: [], count: DEFAULT_COUNT, offset: 0 };

describe('parseTaskSearch: a FHIR Task search from its query string', () => {
  it.each([
    ['nothing', {}, none],
    ['statuses', { status: 'requested,on-hold' }, { ...none, statuses: ['requested', 'on-hold'] }],
    ['an owner by reference', { owner: 'Organization/team-1' }, { ...none, ownerTeamId: 'team-1' }],
    ['an owner by id', { owner: 'team-1' }, { ...none, ownerTeamId: 'team-1' }],
    ['a focus by reference', { focus: `ServiceRequest/${ID}` }, { ...none, referralId: ID }],
    [
      'a window of last updates',
      { _lastUpdated: ['ge2026-12-01', 'lt2026-12-07T10:00:00.123Z'] },
      {
        ...none,
        updated: [
          { op: '>=', at: new Date('2026-12-01T00:00:00Z') },
          { op: '<', at: new Date('2026-12-07T10:00:00.123Z') },
        ],
      },
    ],
    [
      'a time with an offset',
      { _lastUpdated: 'gt2026-12-07T11:00:00+01:00' },
      { ...none, updated: [{ op: '>', at: new Date('2026-12-07T10:00:00Z') }] },
    ],
    ['a page', { _count: '200', _offset: '400' }, { ...none, count: 200, offset: 400 }],
    ['the format', { _format: 'json' }, none],
  ])('reads %s', (_case, query, search) => {
    expect(parseTaskSearch(query)).toEqual(search);
  });

  it.each([
    ['an unknown parameter', { patient: 'x' }, 'search'],
    ['a status no referral takes', { status: 'draft' }, 'status'],
    ['a status twice', { status: ['requested', 'accepted'] }, 'status'],
    ['a last update without a prefix', { _lastUpdated: '2026-12-01' }, '_lastUpdated'],
    ['a last update with eq', { _lastUpdated: 'eq2026-12-01' }, '_lastUpdated'],
    ['a time without a zone', { _lastUpdated: 'gt2026-12-01T10:00:00' }, '_lastUpdated'],
    ['a month that does not exist', { _lastUpdated: 'gt2026-13-01' }, '_lastUpdated'],
    ['a count over 200', { _count: '201' }, '_count'],
    ['a negative offset', { _offset: '-1' }, '_offset'],
    ['a focus that is no referral id', { focus: 'ServiceRequest/abc' }, 'focus'],
  ])('refuses %s, naming the parameter', (_case, query, field) => {
    expect(() => parseTaskSearch(query)).toThrow(
      expect.objectContaining({
        code: 'validation-failed',
        extensions: { errors: [expect.objectContaining({ field })] },
      }),
    );
  });
});
