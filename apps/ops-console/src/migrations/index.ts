import { OpsConsoleSchema1766880000000 } from './1766880000000-ops-console-schema';
import { FirstOfferLatency1767052800000 } from './1767052800000-first-offer-latency';
import { Erasures1767139200000 } from './1767139200000-erasures';
import { LedgerClusterId1767312000000 } from './1767312000000-ledger-cluster-id';
import { PlacementStart1767398400000 } from './1767398400000-placement-start';
import { ReferralToCare1767484800000 } from './1767484800000-referral-to-care';
import { ErasureTombstones1767225600000 } from '@samenspel/erasure';
import { WebSessions1796400000000 } from '@samenspel/http';

export const OpsSchema = [
  OpsConsoleSchema1766880000000,
  FirstOfferLatency1767052800000,
  Erasures1767139200000,
  ErasureTombstones1767225600000,
  LedgerClusterId1767312000000,
  PlacementStart1767398400000,
  ReferralToCare1767484800000,
  WebSessions1796400000000,
];
