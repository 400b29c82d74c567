import { Injectable } from '@nestjs/common';
import { sqlDigest } from '@samenspel/erasure';
import type { EntityManager } from 'typeorm';
import { extractRefs } from '../domain/event-refs';
import { clip, type LedgerRecord } from './ledger-record';

/** A record's ledger row, by the record's index in the list recorded. */
export interface NewLedgerRow {
  id: string;
  /** The youngster's municipality as youth_municipality held it before the record. */
  prior: string | null;
  /** Whether the record is about a youngster erased in the last days (erased_youth keeps them). */
  erased: boolean;
}

/** Where a record was read: with the cluster's id, its ledger row's key. */
export interface RecordCoordinates {
  topic: string;
  partition: number;
  offset: string;
}

/** The ledger's rows (`ledger_event`) and each youngster's last municipality (`youth_municipality`). */
@Injectable()
export class LedgerRepository {
  /**
   * The ledger rows of the records in one statement, and the youth_municipality rows of the new
   * ones (a youngster's last municipality among them, only when it changes). Returns the new
   * records by their index, with the ledger row's id and the youngster's municipality as
   * youth_municipality held it before the statement (its sub-statements share one snapshot), and
   * whether the youngster was erased in the last days.
   * A record that came before in the list (same coordinates) is left out: it is a duplicate.
   */
  async insert(
    em: EntityManager,
    clusterId: string,
    records: readonly LedgerRecord[],
  ): Promise<Map<number, NewLedgerRow>> {
    const seen = new Set<string>();
    const rows = [...records.entries()].filter(([, { message: m }]) => {
      const coordinates = JSON.stringify([m.topic, m.partition, m.offset]);
      if (seen.has(coordinates)) return false;
      seen.add(coordinates);
      return true;
    });
    const column = <T>(value: (r: LedgerRecord) => T) => rows.map(([, r]) => value(r));
    const inserted = (await em.query(
      `WITH input AS (
         SELECT * FROM unnest($2::int[], $3::text[], $4::int[], $5::bigint[], $6::text[], $7::text[], $8::text[],
           $9::text[], $10::text[], $11::timestamptz[], $12::boolean[], $13::boolean[], $14::jsonb[], $15::text[])
           AS i (n, topic, partition, "offset", event_id, type, source, youth_ref, correlation_id, event_time,
             valid, dead_letter, refs, municipality_code)
       ), recorded AS (
         INSERT INTO ledger_event (cluster_id, topic, partition, "offset", event_id, type, source, youth_ref,
           correlation_id, event_time, valid, dead_letter, refs)
         SELECT $1::text, topic, partition, "offset", event_id, type, source, youth_ref, correlation_id,
           event_time, valid, dead_letter, refs
           FROM input ORDER BY n
         ON CONFLICT (topic, partition, "offset", cluster_id) DO NOTHING RETURNING id, topic, partition, "offset"
       ), fresh AS (
         SELECT r.id, i.n, i.youth_ref, i.municipality_code FROM recorded r JOIN input i USING (topic, partition, "offset")
       ), place AS (
         INSERT INTO youth_municipality (youth_ref, municipality_code)
         SELECT DISTINCT ON (youth_ref) youth_ref, municipality_code FROM fresh
          WHERE municipality_code IS NOT NULL ORDER BY youth_ref, n DESC
         ON CONFLICT (youth_ref) DO UPDATE SET municipality_code = EXCLUDED.municipality_code
           WHERE youth_municipality.municipality_code IS DISTINCT FROM EXCLUDED.municipality_code
       )
       SELECT f.id, f.n, y.municipality_code AS prior,
         EXISTS (SELECT 1 FROM erased_youth e WHERE e.digest = ${sqlDigest('f.youth_ref')}) AS erased
         FROM fresh f LEFT JOIN youth_municipality y USING (youth_ref)`,
      [
        clusterId,
        rows.map(([i]) => i),
        column((r) => r.message.topic),
        column((r) => r.message.partition),
        column((r) => r.message.offset),
        column((r) => clip(r.event?.id)),
        column((r) => clip(r.event?.type)),
        column((r) => clip(r.event?.source)),
        column((r) => r.youthRef),
        column((r) => clip(r.event?.correlationid)),
        column((r) => r.at),
        column((r) => r.event !== undefined),
        column((r) => r.deadLetter),
        column((r) => JSON.stringify(extractRefs(r.event?.data))),
        column((r) => r.municipality),
      ],
    )) as { id: string; n: number; prior: string | null; erased: boolean }[];
    return new Map(
      inserted.map((row) => [Number(row.n), { id: String(row.id), prior: row.prior, erased: row.erased }]),
    );
  }

  /** The ledger row of a privacy record never keeps the youthRef. */
  async forgetYouthRef(em: EntityManager, clusterId: string, at: RecordCoordinates): Promise<void> {
    await em.query(
      `UPDATE ledger_event SET youth_ref = NULL
        WHERE topic = $1 AND partition = $2 AND "offset" = $3 AND cluster_id = $4`,
      [at.topic, at.partition, at.offset, clusterId],
    );
  }

  /** The youngsters of these ledger rows who were erased (in the last days: erased_youth keeps them). */
  async erasedAmong(em: EntityManager, ledgerIds: readonly string[]): Promise<string[]> {
    const erased = (await em.query(
      `SELECT DISTINCT l.youth_ref FROM ledger_event l JOIN erased_youth e ON e.digest = ${sqlDigest('l.youth_ref')}
        WHERE l.id = ANY ($1::bigint[]) AND l.youth_ref IS NOT NULL`,
      [ledgerIds],
    )) as { youth_ref: string }[];
    return erased.map((r) => r.youth_ref);
  }
}
