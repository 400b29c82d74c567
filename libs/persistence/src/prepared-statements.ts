import { Client } from 'pg';

/**
 * At most this many distinct statement texts are prepared per process (and so per connection);
 * texts seen after that run unnamed. A service runs a fixed set of texts from its code; the
 * cap guards against texts that vary (an `IN` list of changing length), each of which would
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
 * PostgreSQL refuses to run a prepared statement whose result columns changed since it was
 * prepared (a migration added a column to a table it reads with `*` during a rolling upgrade).
 */
export function isStalePreparedPlan(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | undefined;
  return e?.code === '0A000' && /cached plan must not change result type/.test(e.message ?? '');
}

/**
 * A pg client that runs every parameterised statement as a named prepared statement: PostgreSQL
 * parses and analyses a text once per connection instead of on every call, and may keep its plan
 * (`plan_cache_mode`). Statements without parameters (`START TRANSACTION`, `COMMIT`, migrations
 * of several statements) keep the simple protocol, exactly as before.
 *
 * A connection forgets its statements when it closes, so nothing is shared across connections on
 * the server. A statement whose result columns a migration changed fails once on a connection
 * (`isStalePreparedPlan`, which callers treat as transient) and runs unnamed on it from then on.
 * Behind a pooler in transaction mode, prepared statements need PgBouncer 1.21 or later
 * (`max_prepared_statements`); `DATABASE_PREPARED_STATEMENTS=false` turns this off.
 */
export class PreparedStatementClient extends Client {
  /** Texts this connection runs unnamed since their prepared plan went stale. */
  private readonly unnamed = new Set<string>();

  // One signature for pg's many overloads: every call comes through here, and what this does not
  // name goes on exactly as it came.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(config: unknown, values?: unknown, callback?: unknown): any {
    const name =
      typeof config === 'string' && Array.isArray(values) && values.length > 0 && !this.unnamed.has(config)
        ? statementName(config)
        : undefined;
    if (name === undefined) return super.query(config as never, values as never, callback as never);
    const text = config as string;
    const noteStale = (error: unknown) => {
      if (isStalePreparedPlan(error)) this.unnamed.add(text);
    };
    const named = { name, text, values: values as unknown[] };
    if (typeof callback === 'function') {
      return super.query(named, (error: Error, result: unknown) => {
        if (error) noteStale(error);
        (callback as (error: Error, result: unknown) => void)(error, result);
      });
    }
    return super.query(named).catch((error: unknown) => {
      noteStale(error);
      throw error;
    });
  }
}
