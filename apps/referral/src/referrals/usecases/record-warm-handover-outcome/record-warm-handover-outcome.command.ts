import type { Principal } from '@samenspel/http';

export interface RecordWarmHandoverOutcomeCommand {
  referralId: string;
  tookPlace: boolean;
  expectedVersion?: number;
  principal: Principal;
}
