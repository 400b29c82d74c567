import { TOPICS } from '../topics';
import { IsShortCode, IsTimestamp } from './common';
import { IsYouthRef } from './youth-profile';

/** AVG art. 17: an erasure request from youth care, and each service's confirmation. */
export const PRIVACY_EVENT_TYPES = {
  erasureRequested: 'nl.jeugdzorg.youth.erasure-requested.v1',
  erased: 'nl.samenspel.youth.erased.v1',
} as const;

export class ErasureRequestedData {
  @IsYouthRef() youthRef!: string;
  @IsTimestamp() requestedAt!: string;
}

export class YouthErasedData {
  @IsYouthRef() youthRef!: string;
  @IsShortCode(64) service!: string;
  @IsTimestamp() erasedAt!: string;
}

export const PRIVACY_CONTRACT_LIST = [
  {
    type: PRIVACY_EVENT_TYPES.erasureRequested,
    topic: TOPICS.jeugdzorgPrivacy,
    dataClass: ErasureRequestedData,
  },
  { type: PRIVACY_EVENT_TYPES.erased, topic: TOPICS.privacy, dataClass: YouthErasedData },
] as { type: string; topic: string; dataClass: new () => object }[];
