import { Client } from 'pg';

/**
 * At most this many distinct statement texts are prepared per process (and so per connection);
 * texts seen after that run unnamed. Our services have some 50–150 parameterised statements; the
 * cap only guards against texts that vary (an `IN` list of changing length), each of which would
 * otherwise stay prepared in every connection of the pool.
 */
export const MAX_PREPARED_STATEMENTS = 500;

/** Statement text → its name. Shared by every connection of the process, so a name means one text. */
const names = new Map<string, string>();

/** The name for a parameterised statement text, or undefined once the cap is reached. */
export function statementName(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_PREPARED_STATEMENTS) {
    name = `samenspel_${names.size + 1}`;
    names.set(text, name);
  }
  return name;
}

/**
 * A pg client that runs every parameterised statement as a named prepared statement: PostgreSQL
 * parses and analyses a text once per connection instead of on every call, and may keep its plan
 * (`plan_cache_mode`). Statements without parameters (`START TRANSACTION`, `COMMIT`, migrations
 * of several statements) keep the simple protocol, exactly as before.
 *
 * A connection forgets its statements when it closes, so nothing is shared across connections on
 * the server. Behind a pooler in transaction mode, prepared statements need PgBouncer 1.21 or
 * later (`max_prepared_statements`); `DATABASE_PREPARED_STATEMENTS=false` turns this off.
 */
export class PreparedStatementClient extends Client {
  // One signature for pg's many overloads: every call comes through here, and what this does not
  // name goes on exactly as it came.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(config: unknown, values?: unknown, callback?: unknown): any {
    if (typeof config === 'string' && Array.isArray(values) && values.length > 0) {
      const name = statementName(config);
      if (name) return super.query({ name, text: config, values }, callback as never);
    }
    return super.query(config as never, values as never, callback as never);
  }
}
