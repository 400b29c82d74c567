import { InvalidField } from '@samenspel/contracts';
import { isReferralStatus, type ReferralStatus } from '../referral-state-machine';
import { REFERRAL_ID } from './fhir-systems';

/** A bound on the Task's meta.lastUpdated (the referral's updatedAt). */
export interface UpdatedBound {
  op: '>' | '>=' | '<' | '<=';
  at: Date;
}

export interface TaskSearch {
  statuses?: ReferralStatus[];
  /** The receiving team: `Organization/<teamId>` or `<teamId>`. */
  ownerTeamId?: string;
  /** The referral: `ServiceRequest/<id>` or `<id>`. */
  referralId?: string;
  updated: UpdatedBound[];
  count: number;
  offset: number;
}

export const TASK_SEARCH_PARAMETERS = [
  'status',
  'owner',
  'focus',
  '_lastUpdated',
  '_count',
  '_offset',
  '_format',
];
export const DEFAULT_COUNT = 50;
export const MAX_COUNT = 200;

const PREFIXES: Record<string, UpdatedBound['op']> = { gt: '>', ge: '>=', lt: '<', le: '<=' };
// A FHIR date or dateTime with a time zone: 2026-12-07, 2026-12-07T10:00:00Z, 2026-12-07T10:00:00.123+01:00.
const DATE_OR_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2}))?$/;

type Query = Record<string, string | string[] | undefined>;

const one = (query: Query, name: string): string | undefined => {
  const value = query[name];
  if (Array.isArray(value)) throw new InvalidField(name, 'may be given once');
  return value;
};

function updatedBound(value: string): UpdatedBound {
  const op = PREFIXES[value.slice(0, 2)];
  const at = value.slice(2);
  if (!op || !DATE_OR_TIME.test(at) || Number.isNaN(Date.parse(at))) {
    throw new InvalidField(
      '_lastUpdated',
      'takes gt, ge, lt or le and a date or a dateTime with a time zone',
    );
  }
  return { op, at: new Date(at) };
}

function count(value: string | undefined, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d{1,9}$/.test(value) || n > max)
    throw new InvalidField(name, `must be a whole number up to ${max}`);
  return n;
}

/** The part after `<type>/`, or the whole value. */
const idOf = (value: string, type: string) =>
  value.startsWith(`${type}/`) ? value.slice(type.length + 1) : value;

/**
 * A Task search as the query string gives it. Unknown parameters are refused rather than ignored,
 * so that a client never takes a wider answer for a filtered one.
 */
export function parseTaskSearch(query: Query): TaskSearch {
  for (const name of Object.keys(query)) {
    if (!TASK_SEARCH_PARAMETERS.includes(name)) {
      throw new InvalidField('search', `Task search takes ${TASK_SEARCH_PARAMETERS.join(', ')}`);
    }
  }
  const search: TaskSearch = {
    updated: [query._lastUpdated ?? []].flat().map(updatedBound),
    count: count(one(query, '_count'), '_count', DEFAULT_COUNT, MAX_COUNT),
    offset: count(one(query, '_offset'), '_offset', 0, 1_000_000),
  };
  const status = one(query, 'status');
  if (status !== undefined) {
    const statuses = status.split(',');
    if (!statuses.every(isReferralStatus)) {
      throw new InvalidField('status', 'must be Task statuses a referral takes, comma-separated');
    }
    search.statuses = statuses;
  }
  const owner = one(query, 'owner');
  if (owner !== undefined) search.ownerTeamId = idOf(owner, 'Organization');
  const focus = one(query, 'focus');
  if (focus !== undefined) {
    const id = idOf(focus, 'ServiceRequest');
    if (!REFERRAL_ID.test(id)) throw new InvalidField('focus', 'must be a ServiceRequest of this server');
    search.referralId = id;
  }
  return search;
}
