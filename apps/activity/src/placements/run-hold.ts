import type { UnitOfWork, UnitsOfWork } from '@samenspel/messaging';
import { isUniqueViolation } from '../shared/sql';

/** The unique index on placement.reference. */
const REFERENCE_KEY = 'placement_reference_key';

/**
 * Runs a hold in a unit of work of its own. A concurrent call that committed a placement with the
 * same reference first makes the insert fail, and the transaction with it; run once more, the hold
 * finds that placement and answers it as a repeated reference (or refuses it as another's).
 */
export async function runHold<T>(units: UnitsOfWork, hold: (uow: UnitOfWork) => Promise<T>): Promise<T> {
  try {
    return await units.run(hold);
  } catch (error) {
    if (!isUniqueViolation(error, REFERENCE_KEY)) throw error;
    return units.run(hold);
  }
}
