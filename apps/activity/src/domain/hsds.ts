import { createHash } from 'node:crypto';
import type { Activity, WeeklySchedule } from '../activities/activity.entity';
import type { Team } from '../teams/team.entity';
import type { ActivityStatus } from './activity-status';
import { availableSeats } from './capacity';
import { THEMES, type Theme } from './themes';

/**
 * The catalogue as Open Referral HSDS 3.0 objects (https://docs.openreferral.org, schema 3.0.x).
 * Only teams and activities are mapped: nothing here ever reads a placement or a youngster.
 */

/** The HSDS version the /hsds API speaks. */
export const HSDS_VERSION = '3.0';

/**
 * HSDS wants a UUID for every object. Teams and activities have one; the objects we derive from
 * them (a location, a schedule, a theme's term) get a name-based UUID (RFC 9562 version 5) of
 * what they are derived from, so the same input always gives the same id.
 */
const ID_NAMESPACE = Buffer.from('5a4e1f0c2b7d4c3e9a81d6f0b3e2c715', 'hex');

export function derivedId(...parts: string[]): string {
  const bytes = createHash('sha1').update(ID_NAMESPACE).update(parts.join('/')).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export type HsdsServiceStatus = 'active' | 'inactive' | 'defunct' | 'temporarily closed';

export interface HsdsTaxonomy {
  id: string;
  name: string;
  description: string;
  version: string;
}

export interface HsdsTaxonomyTerm {
  id: string;
  code: string;
  name: string;
  description: string;
  taxonomy: string;
  taxonomy_id: string;
  language: string;
  taxonomy_detail?: HsdsTaxonomy;
}

export interface HsdsAttribute {
  id: string;
  link_id: string;
  link_type: string;
  link_entity: string;
  taxonomy_term_id: string;
  taxonomy_term: HsdsTaxonomyTerm;
}

export interface HsdsOrganization {
  id: string;
  name: string;
  description: string;
}

export interface HsdsAccessibility {
  id: string;
  location_id: string;
  description: string;
}

export interface HsdsLocation {
  id: string;
  location_type: 'physical' | 'virtual';
  organization_id: string;
  name: string;
  description: string;
  accessibility: HsdsAccessibility[];
}

export interface HsdsServiceAtLocation {
  id: string;
  service_id: string;
  location_id: string;
  location: HsdsLocation;
}

export interface HsdsSchedule {
  id: string;
  service_id: string;
  freq: 'WEEKLY';
  interval?: number;
  byday?: string;
  byweekno?: string;
  until?: string;
  count?: number;
  wkst?: string;
  opens_at?: string;
  closes_at?: string;
  description: string;
}

export interface HsdsServiceArea {
  id: string;
  service_id: string;
  name: string;
  description: string;
  uri: string;
}

export interface HsdsContact {
  id: string;
  service_id: string;
  title: string;
}

/**
 * Seats of an activity. HSDS 3.0 has no field for capacity: this is our extension, in the shape of
 * the service_capacity object that HSDS 3.1 added (id, unit, available, maximum, updated).
 */
export interface HsdsServiceCapacity {
  id: string;
  service_id: string;
  unit: { id: string; name: string };
  available: number;
  maximum: number;
  description: string;
  updated: string;
}

/** A service with its one-to-one fields, as in a list. */
export interface HsdsServiceSummary {
  id: string;
  organization_id: string;
  name: string;
  description?: string;
  status: HsdsServiceStatus;
  minimum_age: number;
  maximum_age: number;
  eligibility_description: string;
  last_modified: string;
  organization?: HsdsOrganization;
  capacities: HsdsServiceCapacity[];
}

/** A fully nested service, as `GET /hsds/services/{id}` and `?full=true` answer. */
export interface HsdsService extends HsdsServiceSummary {
  attributes: HsdsAttribute[];
  schedules: HsdsSchedule[];
  service_areas: HsdsServiceArea[];
  service_at_locations: HsdsServiceAtLocation[];
  contacts: HsdsContact[];
}

/** A page as the HSDS 3.0 API reference pages its lists. */
export interface HsdsPage<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

/** HSDS pages count from 1. An empty result is one page, the first and the last. */
export function hsdsPage<T>(
  contents: T[],
  totalItems: number,
  pageNumber: number,
  perPage: number,
): HsdsPage<T> {
  const totalPages = Math.max(1, Math.ceil(totalItems / perPage));
  return {
    total_items: totalItems,
    total_pages: totalPages,
    page_number: pageNumber,
    size: contents.length,
    first_page: pageNumber === 1,
    last_page: pageNumber >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

/** Drafts are never served; the others map to the HSDS service status. */
const STATUS: Readonly<Record<Exclude<ActivityStatus, 'draft'>, HsdsServiceStatus>> = {
  open: 'active',
  paused: 'temporarily closed',
  closed: 'inactive',
};

export const SERVED_STATUSES = Object.keys(STATUS) as Exclude<ActivityStatus, 'draft'>[];

export function hsdsServiceStatus(status: ActivityStatus): HsdsServiceStatus | undefined {
  return status === 'draft' ? undefined : STATUS[status];
}

/** Our theme vocabulary, published as one HSDS taxonomy. */
export const THEME_TAXONOMY: HsdsTaxonomy = {
  id: derivedId('taxonomy', 'samenspel-themes'),
  name: 'Samenspel activity themes',
  description: 'The themes of youth-work activities in Samenspel: a controlled vocabulary of one level.',
  version: '1',
};

const THEME_TERMS: Readonly<Record<Theme, { name: string; description: string }>> = {
  sport: { name: 'Sport', description: 'Sport and games that move.' },
  music: { name: 'Music', description: 'Making, recording or performing music.' },
  creative: { name: 'Creative', description: 'Arts, crafts, drama and other making.' },
  gaming: { name: 'Gaming', description: 'Video and board games, together.' },
  'girls-group': { name: 'Girls group', description: 'A group for girls (meidenwerk).' },
  'boys-group': { name: 'Boys group', description: 'A group for boys (jongenswerk).' },
  wellbeing: { name: 'Wellbeing', description: 'Feeling well: confidence, stress, friendships.' },
  homework: { name: 'Homework', description: 'Help and a quiet place for homework.' },
  'work-experience': { name: 'Work experience', description: 'Internships and first work.' },
  outdoor: { name: 'Outdoor', description: 'Activities outside.' },
  cooking: { name: 'Cooking', description: 'Cooking and eating together.' },
  media: { name: 'Media', description: 'Video, photography, podcasts and social media.' },
};

export function themeTerm(theme: Theme, withTaxonomy = false): HsdsTaxonomyTerm {
  return {
    id: derivedId('taxonomy_term', theme),
    code: theme,
    ...THEME_TERMS[theme],
    taxonomy: THEME_TAXONOMY.name,
    taxonomy_id: THEME_TAXONOMY.id,
    language: 'en',
    ...(withTaxonomy && { taxonomy_detail: THEME_TAXONOMY }),
  };
}

export const THEME_TERM_LIST: readonly HsdsTaxonomyTerm[] = THEMES.map((t) => themeTerm(t));

/** The theme a taxonomy term names, by its id or its code; undefined when it names none. */
export function themeOfTerm(idOrCode: string): Theme | undefined {
  return THEME_TERM_LIST.find((t) => t.id === idOrCode || t.code === idOrCode)?.code as Theme | undefined;
}

export function hsdsOrganization(team: Team): HsdsOrganization {
  const codes = team.municipalityCodes.join(', ');
  const serving = team.municipalityCodes.length === 1 ? 'municipality' : 'municipalities';
  return {
    id: team.id,
    name: team.name,
    description: `Youth-work team of ${team.organisation}, serving ${serving} ${codes}.`,
  };
}

/** Where an activity takes place: its own place, or online. One location per activity. */
export function hsdsLocation(a: Activity): HsdsLocation {
  const id = derivedId('location', a.id);
  const online = a.kind === 'online';
  return {
    id,
    location_type: online ? 'virtual' : 'physical',
    organization_id: a.teamId,
    name: a.locationName ?? (online ? 'Online' : `Postcode area ${a.postcode4}`),
    description: online
      ? `Online, for municipality ${a.municipalityCode}.`
      : `In postcode area ${a.postcode4}, municipality ${a.municipalityCode}.`,
    accessibility: a.accessibilityNotes
      ? [{ id: derivedId('accessibility', a.id), location_id: id, description: a.accessibilityNotes }]
      : [],
  };
}

export function hsdsServiceAtLocation(a: Activity): HsdsServiceAtLocation {
  const location = hsdsLocation(a);
  return { id: derivedId('service_at_location', a.id), service_id: a.id, location_id: location.id, location };
}

const LOCAL_TIME = 'Times are local time in the Netherlands (Europe/Amsterdam).';
const RRULE_DATE = /^(\d{4})(\d{2})(\d{2})(T\d{6}Z?)?$/;

/** An RRULE UNTIL (`20270630` or `20270630T000000Z`) as the date HSDS wants, YYYY-MM-DD. */
function untilDate(value: string): string | undefined {
  const m = RRULE_DATE.exec(value);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

const hhmm = (hour: string | undefined, minute: string | undefined) =>
  hour === undefined ? undefined : `${hour.padStart(2, '0')}:${(minute ?? '0').padStart(2, '0')}`;

/** One weekly RFC 5545 RRULE as an HSDS schedule: its parts into the iCal fields HSDS has. */
export function scheduleOfRrule(serviceId: string, rrule: string): HsdsSchedule {
  const parts = new Map(
    rrule
      .replace(/^RRULE:/, '')
      .split(';')
      .map((p) => p.split('=') as [string, string]),
  );
  const first = (name: string) => parts.get(name)?.split(',')[0];
  const interval = parts.has('INTERVAL') ? Number(parts.get('INTERVAL')) : undefined;
  const count = parts.has('COUNT') ? Number(parts.get('COUNT')) : undefined;
  const until = parts.has('UNTIL') ? untilDate(parts.get('UNTIL')!) : undefined;
  const opensAt = hhmm(first('BYHOUR'), first('BYMINUTE'));
  return {
    id: derivedId('schedule', serviceId, rrule),
    service_id: serviceId,
    freq: 'WEEKLY',
    ...(interval !== undefined && { interval }),
    ...(parts.has('BYDAY') && { byday: parts.get('BYDAY') }),
    ...(parts.has('BYWEEKNO') && { byweekno: parts.get('BYWEEKNO') }),
    ...(until && { until }),
    ...(count !== undefined && { count }),
    ...(parts.has('WKST') && { wkst: parts.get('WKST') }),
    ...(opensAt && { opens_at: opensAt }),
    description: `${rrule.replace(/^RRULE:/, '')}. ${LOCAL_TIME}`,
  };
}

/** One weekly slot (a day, a start and an end) as an HSDS schedule. */
export function scheduleOfSlot(
  serviceId: string,
  slot: { day: string; start: string; end: string },
): HsdsSchedule {
  return {
    id: derivedId('schedule', serviceId, slot.day, slot.start, slot.end),
    service_id: serviceId,
    freq: 'WEEKLY',
    byday: slot.day,
    opens_at: slot.start,
    closes_at: slot.end,
    description: `Every week on ${slot.day}, ${slot.start}-${slot.end}. ${LOCAL_TIME}`,
  };
}

/** The RRULE's schedule, then one per slot. */
export function hsdsSchedules(serviceId: string, schedule: WeeklySchedule): HsdsSchedule[] {
  return [
    ...(schedule.rrule ? [scheduleOfRrule(serviceId, schedule.rrule)] : []),
    ...(schedule.slots ?? []).map((s) => scheduleOfSlot(serviceId, s)),
  ];
}

export const SEAT_UNIT = { id: derivedId('unit', 'seat'), name: 'Seat' } as const;

/** The capacity extension: live seats, never who holds them. */
export function hsdsCapacity(a: Activity): HsdsServiceCapacity {
  return {
    id: derivedId('service_capacity', a.id),
    service_id: a.id,
    unit: SEAT_UNIT,
    available: availableSeats(a),
    maximum: a.capacity,
    description: 'Seats: available is the capacity less the seats held and confirmed.',
    updated: a.updatedAt.toISOString(),
  };
}

/** The CBS code's identifier in TOOI, the Dutch government's register of public bodies. */
export const municipalityUri = (code: string) =>
  `https://identifier.overheid.nl/tooi/id/gemeente/${code.toLowerCase()}`;

export function hsdsServiceSummary(a: Activity, team?: Team): HsdsServiceSummary {
  const status = hsdsServiceStatus(a.status);
  if (!status) throw new Error(`A draft activity is not an HSDS service (${a.id})`);
  return {
    id: a.id,
    organization_id: a.teamId,
    name: a.title,
    ...(a.description && { description: a.description }),
    status,
    minimum_age: a.minAge,
    maximum_age: a.maxAge,
    eligibility_description: `Ages ${a.minAge} to ${a.maxAge}.`,
    last_modified: a.updatedAt.toISOString(),
    ...(team && { organization: hsdsOrganization(team) }),
    capacities: [hsdsCapacity(a)],
  };
}

export function hsdsService(a: Activity, team?: Team): HsdsService {
  return {
    ...hsdsServiceSummary(a, team),
    attributes: a.themes.flatMap((theme) => {
      const term = (THEMES as readonly string[]).includes(theme) ? themeTerm(theme as Theme) : undefined;
      return term
        ? [
            {
              id: derivedId('attribute', a.id, theme),
              link_id: a.id,
              link_type: 'theme',
              link_entity: 'service',
              taxonomy_term_id: term.id,
              taxonomy_term: term,
            },
          ]
        : [];
    }),
    schedules: hsdsSchedules(a.id, a.schedule),
    service_areas: [
      {
        id: derivedId('service_area', a.id),
        service_id: a.id,
        name: a.municipalityCode,
        description: `Municipality ${a.municipalityCode} (CBS code).`,
        uri: municipalityUri(a.municipalityCode),
      },
    ],
    service_at_locations: [hsdsServiceAtLocation(a)],
    contacts: [{ id: derivedId('contact', a.id), service_id: a.id, title: a.contactRole }],
  };
}
