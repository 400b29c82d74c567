import { globalModule } from '@samenspel/bootstrap';
import { KnownActivitiesRepository } from '../activity-catalog/known-activities.repository';
import { MatcherSignal } from '../matching/matcher.signal';
import { OffersRepository } from '../offers/offers.repository';
import { WaitlistEntriesRepository } from '../waitlist-entries/waitlist-entries.repository';

/** The repositories, shared by the feature modules (an entry's change often touches its offers too). */
export const StoreModule = globalModule('StoreModule', [
  WaitlistEntriesRepository,
  OffersRepository,
  KnownActivitiesRepository,
  MatcherSignal,
]);
