/**
 * What Open Referral HSDS 3.0.x requires of the objects our /hsds API serves: for each object its
 * required fields, and the type and format of each field, as the HSDS 3.0 schema reference gives
 * them (https://docs.openreferral.org/en/3.0/hsds/schema_reference.html; the schemas are in
 * github.com/openreferral/specification, branch 3.0, schema/). The page is the API reference's
 * paginated response (openapi.json, components.schemas.Page). Written for our tests from the
 * specification; only the objects and fields this API can serve are described, so a field not
 * listed here is reported too.
 */

type Scalar = 'string' | 'number' | 'integer' | 'boolean' | 'uuid' | 'uri' | 'date-time' | 'date' | 'time';
type Field =
  | Scalar
  | { enum: readonly string[] }
  | { pattern: RegExp; what: string }
  | { object: HsdsObject }
  | { arrayOf: HsdsObject };

export type HsdsObject =
  | 'page'
  | 'service'
  | 'organization'
  | 'location'
  | 'service_at_location'
  | 'schedule'
  | 'attribute'
  | 'service_area'
  | 'contact'
  | 'accessibility'
  | 'taxonomy'
  | 'taxonomy_term'
  | 'service_capacity (extension)'
  | 'unit (extension)';

interface ObjectSpec {
  required: readonly string[];
  fields: Readonly<Record<string, Field>>;
}

const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
/** iCal BYDAY: comma-separated days, each optionally with an occurrence (2MO, -1FR). */
const BYDAY = {
  pattern: /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)(,([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU))*$/,
  what: 'iCal BYDAY',
};
const NUMBER_LIST = { pattern: /^-?\d+(,-?\d+)*$/, what: 'comma-separated numbers' };

export const HSDS_3_0: Readonly<Record<HsdsObject, ObjectSpec>> = {
  page: {
    required: [
      'total_items',
      'total_pages',
      'page_number',
      'size',
      'first_page',
      'last_page',
      'empty',
      'contents',
    ],
    fields: {
      total_items: 'integer',
      total_pages: 'integer',
      page_number: 'integer',
      size: 'integer',
      first_page: 'boolean',
      last_page: 'boolean',
      empty: 'boolean',
    },
  },
  service: {
    required: ['id', 'name', 'status'],
    fields: {
      id: 'uuid',
      organization_id: 'uuid',
      program_id: 'uuid',
      name: 'string',
      alternate_name: 'string',
      description: 'string',
      url: 'uri',
      status: { enum: ['active', 'inactive', 'defunct', 'temporarily closed'] },
      eligibility_description: 'string',
      minimum_age: 'number',
      maximum_age: 'number',
      alert: 'string',
      last_modified: 'date-time',
      schedules: { arrayOf: 'schedule' },
      service_areas: { arrayOf: 'service_area' },
      service_at_locations: { arrayOf: 'service_at_location' },
      organization: { object: 'organization' },
      contacts: { arrayOf: 'contact' },
      attributes: { arrayOf: 'attribute' },
      capacities: { arrayOf: 'service_capacity (extension)' },
    },
  },
  organization: {
    required: ['id', 'name', 'description'],
    fields: {
      id: 'uuid',
      name: 'string',
      alternate_name: 'string',
      description: 'string',
      website: 'uri',
      uri: 'uri',
      parent_organization_id: 'uuid',
    },
  },
  location: {
    required: ['id', 'location_type'],
    fields: {
      id: 'uuid',
      location_type: { enum: ['physical', 'postal', 'virtual'] },
      url: 'uri',
      organization_id: 'uuid',
      name: 'string',
      alternate_name: 'string',
      description: 'string',
      latitude: 'number',
      longitude: 'number',
      accessibility: { arrayOf: 'accessibility' },
    },
  },
  service_at_location: {
    required: ['id'],
    fields: {
      id: 'uuid',
      service_id: 'uuid',
      location_id: 'uuid',
      description: 'string',
      location: { object: 'location' },
      schedules: { arrayOf: 'schedule' },
    },
  },
  schedule: {
    required: ['id'],
    fields: {
      id: 'uuid',
      service_id: 'uuid',
      location_id: 'uuid',
      service_at_location_id: 'uuid',
      valid_from: 'date',
      valid_to: 'date',
      dtstart: 'date',
      timezone: 'number',
      until: 'date',
      count: 'number',
      wkst: { enum: DAYS },
      freq: { enum: ['WEEKLY', 'MONTHLY'] },
      interval: 'number',
      byday: BYDAY,
      byweekno: NUMBER_LIST,
      bymonthday: NUMBER_LIST,
      description: 'string',
      opens_at: 'time',
      closes_at: 'time',
      notes: 'string',
    },
  },
  attribute: {
    required: ['id'],
    fields: {
      id: 'uuid',
      link_id: 'uuid',
      taxonomy_term_id: 'uuid',
      link_type: 'string',
      link_entity: 'string',
      value: 'string',
      taxonomy_term: { object: 'taxonomy_term' },
    },
  },
  service_area: {
    required: ['id'],
    fields: {
      id: 'uuid',
      service_id: 'uuid',
      name: 'string',
      description: 'string',
      extent: 'string',
      extent_type: 'string',
      uri: 'string',
    },
  },
  contact: {
    required: ['id'],
    fields: { id: 'uuid', service_id: 'uuid', organization_id: 'uuid', name: 'string', title: 'string' },
  },
  accessibility: {
    required: ['id'],
    fields: { id: 'uuid', location_id: 'uuid', description: 'string', details: 'string', url: 'uri' },
  },
  taxonomy: {
    required: ['id', 'name', 'description'],
    fields: { id: 'uuid', name: 'string', description: 'string', uri: 'uri', version: 'string' },
  },
  taxonomy_term: {
    required: ['id', 'name', 'description'],
    fields: {
      id: 'uuid',
      code: 'string',
      name: 'string',
      description: 'string',
      parent_id: 'uuid',
      taxonomy: 'string',
      taxonomy_detail: { object: 'taxonomy' },
      language: 'string',
      taxonomy_id: 'uuid',
      term_uri: 'uri',
    },
  },
  // Not in HSDS 3.0: our documented extension, in the shape of HSDS 3.1's service_capacity and unit.
  'service_capacity (extension)': {
    required: ['id', 'unit', 'available', 'updated'],
    fields: {
      id: 'uuid',
      service_id: 'uuid',
      unit: { object: 'unit (extension)' },
      available: 'number',
      maximum: 'number',
      description: 'string',
      updated: 'date-time',
    },
  },
  'unit (extension)': { required: ['id', 'name'], fields: { id: 'uuid', name: 'string' } },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
/** HH:MM, optionally with seconds and a UTC offset. */
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?(Z|[+-]\d{2}:\d{2})?$/;

function isAbsoluteUri(value: string): boolean {
  try {
    return /^[a-z][a-z0-9+.-]*:/i.test(value) && Boolean(new URL(value));
  } catch {
    return false;
  }
}

function scalarProblem(type: Scalar, value: unknown): string | undefined {
  const isString = typeof value === 'string';
  switch (type) {
    case 'string':
      return isString ? undefined : 'is not a string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'is not a number';
    case 'integer':
      return Number.isInteger(value) ? undefined : 'is not an integer';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'is not a boolean';
    case 'uuid':
      return isString && UUID.test(value) ? undefined : 'is not a UUID';
    case 'uri':
      return isString && isAbsoluteUri(value) ? undefined : 'is not an absolute URI';
    case 'date':
      return isString && DATE.test(value) ? undefined : 'is not a date YYYY-MM-DD';
    case 'date-time':
      return isString && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))
        ? undefined
        : 'is not an RFC 3339 date-time';
    case 'time':
      return isString && TIME.test(value) ? undefined : 'is not a time HH:MM';
  }
}

/** Every way `value` falls short of the HSDS 3.0 object `type`, each as "path: problem". */
export function hsdsProblems(type: HsdsObject, value: unknown, path: string = type): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return [`${path}: is not an object`];
  const spec = HSDS_3_0[type];
  const record = value as Record<string, unknown>;
  const problems = spec.required
    .filter((name) => record[name] === undefined || record[name] === null)
    .map((name) => `${path}.${name}: is required`);
  for (const [name, field] of Object.entries(record)) {
    const at = `${path}.${name}`;
    const kind = spec.fields[name];
    if (type === 'page' && name === 'contents') {
      if (!Array.isArray(field)) problems.push(`${at}: is not an array`);
    } else if (kind === undefined) {
      problems.push(`${at}: is not a field of ${type} that this check knows`);
    } else if (typeof kind === 'string') {
      const problem = scalarProblem(kind, field);
      if (problem) problems.push(`${at}: ${problem}`);
    } else if ('enum' in kind) {
      if (!kind.enum.includes(field as string)) problems.push(`${at}: is not one of ${kind.enum.join(', ')}`);
    } else if ('pattern' in kind) {
      if (typeof field !== 'string' || !kind.pattern.test(field)) problems.push(`${at}: is not ${kind.what}`);
    } else if ('object' in kind) {
      problems.push(...hsdsProblems(kind.object, field, at));
    } else if (!Array.isArray(field)) {
      problems.push(`${at}: is not an array`);
    } else {
      field.forEach((item, i) => problems.push(...hsdsProblems(kind.arrayOf, item, `${at}[${i}]`)));
    }
  }
  return problems;
}
