import { ACTIVITY_PROJECTORS } from './activity.projector';
import { BRIDGING_PROJECTORS } from './bridging.projector';
import type { AnyProjector } from './projector';
import { REFERRAL_PROJECTORS } from './referral.projector';
import { TASK_PROJECTORS } from './task.projector';
import { WAITLIST_PROJECTORS } from './waitlist.projector';

/**
 * The projector of each event type that moves a flow state or the impact; a record of any other
 * type is kept in the ledger only.
 */
export const PROJECTORS: ReadonlyMap<string, AnyProjector> = new Map([
  ...WAITLIST_PROJECTORS,
  ...BRIDGING_PROJECTORS,
  ...TASK_PROJECTORS,
  ...ACTIVITY_PROJECTORS,
  ...REFERRAL_PROJECTORS,
]);
