import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only audit trail every service database has. A trigger refuses UPDATE, DELETE and
 * TRUNCATE, with one exception for AVG erasure: an UPDATE that only nulls subject_ref and sets
 * subject_erased, in a transaction that set `samenspel.audit_redaction` to 'on' (SET LOCAL).
 */
export class AuditTrail1795810000000 implements MigrationInterface {
  name = 'AuditTrail1795810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_record (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_sub text NOT NULL,
        actor_role text NOT NULL,
        actor_team text,
        actor_org text,
        action text NOT NULL,
        resource_type text NOT NULL,
        resource_id text,
        subject_ref text,
        subject_erased boolean NOT NULL DEFAULT false,
        http_method text,
        route text,
        status_code int,
        outcome text NOT NULL CHECK (outcome IN ('success', 'denied', 'failed')),
        correlation_id text,
        trace_id text,
        CHECK (NOT (subject_erased AND subject_ref IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX audit_record_subject ON audit_record (subject_ref) WHERE subject_ref IS NOT NULL`,
    );
    await q.query(`CREATE INDEX audit_record_actor ON audit_record (actor_sub, id)`);
    await q.query(`CREATE INDEX audit_record_occurred_at ON audit_record (occurred_at)`);
    await q.query(`
      CREATE FUNCTION audit_record_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- AVG erasure: the youthRef may be removed, nothing else may change.
        IF TG_OP = 'UPDATE'
          AND coalesce(current_setting('samenspel.audit_redaction', true), '') = 'on'
          AND NEW.subject_ref IS NULL
          AND NEW.subject_erased
          AND (to_jsonb(NEW) - 'subject_ref' - 'subject_erased')
            = (to_jsonb(OLD) - 'subject_ref' - 'subject_erased')
        THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_record is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege',
                HINT = 'Only the erasure redaction of subject_ref is allowed';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER audit_record_no_update_or_delete
        BEFORE UPDATE OR DELETE ON audit_record
        FOR EACH ROW EXECUTE FUNCTION audit_record_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_record_no_truncate
        BEFORE TRUNCATE ON audit_record
        FOR EACH STATEMENT EXECUTE FUNCTION audit_record_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_record');
    await q.query('DROP FUNCTION audit_record_append_only()');
  }
}
