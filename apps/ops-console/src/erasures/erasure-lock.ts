import { youthRefDigest } from '@samenspel/erasure';

/** The advisory lock of one youngster's erasure requests and confirmations (by digest). */
export const erasureLock = (youthRef: string) => `ops-erasure:${youthRefDigest(youthRef)}`;
