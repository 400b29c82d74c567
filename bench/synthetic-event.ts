import { WAITLIST_EVENT_TYPES } from '@samenspel/contracts';
import { randomBytes, randomUUID } from 'node:crypto';

/** A synthetic waitlist `entered` data payload, the size of a real one (about 400 bytes of data). */
export function enteredData(i: number) {
  return {
    waitlistEntryId: `BENCH-WL-${i}-${randomBytes(3).toString('hex')}`,
    youthRef: `yr_${randomBytes(6).toString('hex')}`,
    ageYears: 12 + (i % 10),
    postcode4: String(3500 + (i % 90)),
    municipalityCode: 'GM0344',
    careCategory: 'jeugdhulp-ambulant',
    expectedWaitWeeks: 12,
    interests: ['music', 'sport'],
    consent: { youthWork: true, givenBy: 'youth-and-guardian', givenAt: '2026-11-20T09:00:00Z' },
    enteredAt: new Date().toISOString(),
  };
}

/** The same as a structured-mode CloudEvent, as an intake system sends it. */
export function enteredEvent(i: number) {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: 'urn:jeugdzorg:intake:bench',
    type: WAITLIST_EVENT_TYPES.entered,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data: enteredData(i),
  };
}
