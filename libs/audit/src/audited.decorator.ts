import { SetMetadata } from '@nestjs/common';
import type { AuditAction } from './audit-entry';

export const AUDITED_KEY = 'samenspel:audited';

/** What an audited route's picker sees: the request and, once the handler succeeded, its result. */
export interface AuditContext {
  req: {
    params?: Record<string, unknown>;
    query?: Record<string, unknown>;
    body?: unknown;
  };
  /** Undefined when the request was denied or failed. */
  result?: unknown;
}

export type AuditPicker = (context: AuditContext) => string | undefined;

/** One record of a batch route (see `each`); what is absent is taken from the request. */
export interface AuditItem {
  id?: string;
  subject?: string;
  statusCode?: number;
}

export interface AuditedOptions {
  action: AuditAction;
  /** The kind of record, e.g. 'referral'. */
  resource: string;
  /** The record's id; default: none. */
  id?: AuditPicker;
  /** The youngster's youthRef, when the record is about one youngster. */
  subject?: AuditPicker;
  /**
   * For a route about several youngsters at once (a batch): one record each, with its own id,
   * subject and status, instead of one for the request. On a denied or failed request the picker
   * sees no result and names whom the request was about.
   */
  each?: (context: AuditContext) => AuditItem[];
  /** Audit only when this holds (e.g. a list filtered to one youngster); default always. */
  when?: (context: AuditContext) => boolean;
}

/**
 * Writes an audit record for every call of the route: after the handler succeeded (a failed write
 * fails a read) and, once the response is sent, for denied and failed attempts too.
 */
export const Audited = (options: AuditedOptions) => SetMetadata(AUDITED_KEY, options);

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0
    ? value
    : typeof value === 'number'
      ? String(value)
      : undefined;

const field = (source: unknown, name: string) =>
  source !== null && typeof source === 'object' ? text((source as Record<string, unknown>)[name]) : undefined;

/** Pickers of a named field of one part of the audit context. */
const fieldOf =
  (part: (context: AuditContext) => unknown) =>
  (name: string): AuditPicker =>
  (context) =>
    field(part(context), name);

/** A route parameter, e.g. `fromParam('id')` for `/referrals/:id`. */
export const fromParam = fieldOf(({ req }) => req.params);

/** A query parameter, e.g. `fromQuery('youthRef')`. */
export const fromQuery = fieldOf(({ req }) => req.query);

/** A field of the request body. */
export const fromBody = fieldOf(({ req }) => req.body);

/** A field of the handler's result (only known on success). */
export const fromResult = fieldOf(({ result }) => result);

/** The first picker that finds a value. */
export const firstOf =
  (...pickers: AuditPicker[]): AuditPicker =>
  (context) => {
    for (const pick of pickers) {
      const value = pick(context);
      if (value !== undefined) return value;
    }
    return undefined;
  };

/** A `when` that holds once the picker finds a value, e.g. a list filtered to one youngster. */
export const hasValue =
  (pick: AuditPicker) =>
  (context: AuditContext): boolean =>
    pick(context) !== undefined;

/**
 * A list route that reads one youngster's records when filtered to them (`?youthRef=`): audited
 * as a read of `resource` with that youthRef as subject, and not audited as a team's plain list.
 */
export const AuditedWhenFilteredToYouth = (resource: string) =>
  Audited({
    action: 'read',
    resource,
    subject: fromQuery('youthRef'),
    when: hasValue(fromQuery('youthRef')),
  });
