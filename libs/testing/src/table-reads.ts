import type { QueryRunner } from 'typeorm';

/** How PostgreSQL has read one table so far: whole-table scans, and index entries read per index. */
export interface TableReads {
  seqScans: number;
  indexEntries: Record<string, number>;
}

/**
 * The table's read counts as the statistics system has them, this session's own reads included:
 * a session's counts are flushed when it is next idle (PostgreSQL 15+), so this forces the flush
 * and reads the counts afresh. For tests that a statement reads a table through the index meant
 * for it, whatever PostgreSQL knows of the table and however it caches the statement's plan.
 */
export async function tableReads(runner: QueryRunner, table: string): Promise<TableReads> {
  await runner.query(`SELECT pg_stat_force_next_flush()`);
  await runner.query(`SELECT pg_stat_clear_snapshot()`);
  const [row]: { seq: number }[] = await runner.query(
    `SELECT seq_scan::int AS seq FROM pg_stat_user_tables WHERE relname = $1`,
    [table],
  );
  const indexes: { name: string; read: number }[] = await runner.query(
    `SELECT indexrelname AS name, idx_tup_read::int AS read FROM pg_stat_user_indexes WHERE relname = $1`,
    [table],
  );
  return { seqScans: row.seq, indexEntries: Object.fromEntries(indexes.map((i) => [i.name, i.read])) };
}

/** What was read between two readings: whole-table scans, and entries per index (those read at all). */
export function readsBetween(before: TableReads, after: TableReads): TableReads {
  return {
    seqScans: after.seqScans - before.seqScans,
    indexEntries: Object.fromEntries(
      Object.entries(after.indexEntries)
        .map(([name, n]) => [name, n - (before.indexEntries[name] ?? 0)] as const)
        .filter(([, n]) => n > 0),
    ),
  };
}

/** More runs than the five after which PostgreSQL may plan a prepared statement once for any parameter. */
export const PAST_GENERIC_PLAN = 8;
