import { OpsConsoleSchema1766880000000 } from './1766880000000-ops-console-schema';
import { FirstOfferLatency1767052800000 } from './1767052800000-first-offer-latency';

export const OpsSchema = [OpsConsoleSchema1766880000000, FirstOfferLatency1767052800000];
