/** The record ids a ledger row keeps from an event's data: refs only, never ages, postcodes or text. */
export const REF_FIELDS = [
  'waitlistEntryId',
  'offerId',
  'referralId',
  'taskId',
  'teamId',
  'activityId',
  'placementId',
  'trajectoryId',
] as const;

export type EventRefs = Partial<Record<(typeof REF_FIELDS)[number], string>>;

const ID = /^[A-Za-z0-9_.:-]{1,64}$/;

export function extractRefs(data: unknown): EventRefs {
  const refs: EventRefs = {};
  if (!data || typeof data !== 'object') return refs;
  for (const field of REF_FIELDS) {
    const value = (data as Record<string, unknown>)[field];
    if (typeof value === 'string' && ID.test(value)) refs[field] = value;
  }
  return refs;
}

const YOUTH_REF = /^[A-Za-z0-9_-]{8,64}$/;

/** The youngster an event is about: data.youthRef, else the record key when it looks like a youthRef. */
export function youthRefOf(data: unknown, key: string | null): string | null {
  const fromData = data && typeof data === 'object' ? (data as Record<string, unknown>).youthRef : undefined;
  if (typeof fromData === 'string' && YOUTH_REF.test(fromData)) return fromData;
  return key && YOUTH_REF.test(key) ? key : null;
}
