import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Kafka cluster a record was read from becomes part of the ledger's and the dead letters'
 * idempotency key: (cluster_id, topic, partition, offset). A console database that outlives its
 * cluster (a new cluster, a recreated broker) then records the new cluster's records instead of
 * taking them for redeliveries. Rows recorded before this migration keep cluster_id '' (their
 * cluster is not known). The column has no default: every insert names its cluster.
 */
export class LedgerClusterId1767312000000 implements MigrationInterface {
  name = 'LedgerClusterId1767312000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['ledger_event', 'dead_letter']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN cluster_id text NOT NULL DEFAULT ''`);
      await q.query(`ALTER TABLE ${table} ALTER COLUMN cluster_id DROP DEFAULT`);
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_topic_partition_offset_key`);
      await q.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${table}_record_key UNIQUE (topic, partition, "offset", cluster_id)`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    // Fails if two clusters' records share coordinates: which one to keep is not for a migration to decide.
    for (const table of ['dead_letter', 'ledger_event']) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_record_key`);
      await q.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${table}_topic_partition_offset_key UNIQUE (topic, partition, "offset")`,
      );
      await q.query(`ALTER TABLE ${table} DROP COLUMN cluster_id`);
    }
  }
}
