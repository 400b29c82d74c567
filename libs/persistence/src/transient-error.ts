import { isStalePreparedPlan } from './prepared-statements';

/**
 * True for errors that say the database (or the network to it) is away for now, not that the
 * work itself is wrong: such work is retried until the database is back, never dead-lettered.
 */
export function isTransientInfrastructureError(error: unknown): boolean {
  const e = error as { code?: string; message?: string; driverError?: unknown } | undefined;
  if (!e) return false;
  if (e.driverError && e.driverError !== error && isTransientInfrastructureError(e.driverError)) return true;
  const code = e.code ?? '';
  // Node socket errors, and PostgreSQL classes 08 (connection), 53 (resources), 57P (shutdown), 40 (serialization/deadlock).
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH'].includes(code))
    return true;
  if (/^(08|53|57P|40)/.test(code)) return true;
  // A migration changed a prepared statement's result columns: the next try runs it unnamed.
  if (isStalePreparedPlan(error)) return true;
  const message = e.message ?? '';
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|terminating connection/i.test(
    message,
  );
}
