import { createHash } from 'node:crypto';

/** The RFC 9562 URL namespace; our names are `urn:samenspel:bridging-offer:<entry>#<rank>`. */
const NAMESPACE_URL = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/**
 * The offer id for a youngster's n-th offer: a UUIDv5, so the same entry and rank always give the
 * same id. It is the activity service's idempotency reference for the seat hold, so that a hold
 * whose recording transaction failed is found again on the retry instead of leaking a seat.
 */
export function offerIdFor(waitlistEntryId: string, rank: number): string {
  return uuidV5(`urn:samenspel:bridging-offer:${waitlistEntryId}#${rank}`, NAMESPACE_URL);
}

export function uuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
