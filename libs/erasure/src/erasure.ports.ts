import type { EntityManager } from 'typeorm';

/** How many rows of each table an erasure or a retention round deleted or anonymised. */
export type ErasureCounts = Record<string, number>;

/**
 * Each service's part of an AVG art. 17 erasure: deletes or anonymises everything it holds about
 * one youngster, in the caller's transaction. Must be idempotent: a repeated request finds
 * nothing left and returns zeros.
 */
export interface YouthDataEraser {
  erase(manager: EntityManager, youthRef: string): Promise<ErasureCounts>;
  /**
   * Where this service keeps youthRefs, so that a youngster brought back by an event that was in
   * flight at the moment of the erasure is found (by digest) and erased again.
   */
  readonly youthRefColumns: readonly { table: string; column: string }[];
}

/** The retention period per data kind, as parsed from the service's config. */
export type RetentionPolicy = Record<string, RetentionPeriod>;

/** A retention period: calendar years and months, plus a fixed number of milliseconds. */
export interface RetentionPeriod {
  /** The ISO 8601 duration it was read from, e.g. `P2Y`. */
  readonly iso: string;
  readonly years: number;
  readonly months: number;
  readonly ms: number;
}

/**
 * Each service's retention rule: anonymises (or deletes) the records whose flow ended longer than
 * their kind's retention period before `now`, in the caller's transaction.
 */
export interface RetentionAnonymiser {
  anonymiseExpired(manager: EntityManager, now: Date, policy: RetentionPolicy): Promise<ErasureCounts>;
}

/** Injection tokens of a service's eraser and retention rule. */
export const YOUTH_DATA_ERASER = Symbol('YOUTH_DATA_ERASER');
export const RETENTION_ANONYMISER = Symbol('RETENTION_ANONYMISER');
export const RETENTION_POLICY = Symbol('RETENTION_POLICY');

/** Rows a raw UPDATE or DELETE (`EntityManager.query`) touched: pg answers `[rows, count]`. */
export const affectedRows = (result: unknown): number => (result as [unknown, number])[1] ?? 0;

/** Runs a raw UPDATE or DELETE in the caller's transaction and answers how many rows it touched. */
export async function rowsAffected(em: EntityManager, sql: string, parameters?: unknown[]): Promise<number> {
  return affectedRows(await em.query(sql, parameters));
}
