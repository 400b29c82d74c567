import type { ErasureProgress } from '../domain/erasure-progress';

/** An erasure request (`erasure_request`) with the confirmations the services sent for it. */
export interface ErasureRequestRecord extends ErasureProgress {
  id: string;
  youthRef: string | null;
  origin: 'admin-api' | 'event';
  reason: string | null;
  requestedBy: string | null;
  requestedAt: Date;
  receivedAt: Date;
  completedAt: Date | null;
  confirmations: { service: string; erasedAt: Date }[];
}
