import { MessagingCore1764201600000 } from '@samenspel/messaging';
import { createTestDatabase, type TestDatabase } from '@samenspel/testing';
import { BridgingSchema1764806500000 } from '../migrations/1764806500000-bridging-schema';
import { KnownActivity } from '../activity-catalog/known-activity.entity';
import { BridgingOffer } from '../offers/bridging-offer.entity';
import type { EntryStatus } from '../domain/bridging-lifecycle';
import { receivedEntryState, WaitlistEntry } from './waitlist-entry.entity';
import { WaitlistEntriesRepository } from './waitlist-entries.repository';

const HOUR = 3_600_000;

describe('WaitlistEntriesRepository against PostgreSQL', () => {
  let db: TestDatabase;
  const sut = new WaitlistEntriesRepository();

  beforeAll(async () => {
    db = await createTestDatabase('bridging_entries', {
      entities: [WaitlistEntry, BridgingOffer, KnownActivity],
      migrations: [MessagingCore1764201600000, BridgingSchema1764806500000],
    });
  });

  afterAll(() => db.drop());

  /** An entry that entered `hoursAgo` hours ago, in `status`, not to be matched before `nextMatchAt`. */
  function anEntry(
    id: string,
    hoursAgo: number,
    status: EntryStatus,
    nextMatchAt: Date | null = null,
  ): WaitlistEntry {
    const now = new Date();
    return Object.assign(new WaitlistEntry(), {
      ...receivedEntryState(now),
      waitlistEntryId: id,
      youthRef: `youth-${id}`,
      source: 'urn:test',
      ageYears: 14,
      postcode4: '3511',
      municipalityCode: 'GM0344',
      careCategory: 'ggz',
      expectedWaitWeeks: 8,
      interests: ['sport', 'muziek'],
      consent: null,
      status,
      enteredAt: new Date(now.getTime() - hoursAgo * HOUR),
      nextMatchAt,
    } satisfies WaitlistEntry);
  }

  it('gives the entries waiting for the matcher, oldest first, up to the limit, read as a single entry is read', async () => {
    const em = db.dataSource.manager;
    const now = Date.now();
    const entries = [
      anEntry('newest', 1, 'matching'),
      anEntry('oldest', 5, 'matching'),
      anEntry('queued', 6, 'queued'),
      anEntry('postponed', 7, 'matching', new Date(now + HOUR)),
      anEntry('due-again', 4, 'matching', new Date(now - HOUR)),
      anEntry('middle', 3, 'matching'),
    ];
    for (const entry of entries) await sut.insert(em, entry);

    const ready = await sut.readyToMatch(em, 3);

    expect(ready.map((e) => e.waitlistEntryId)).toEqual(['oldest', 'due-again', 'middle']);
    expect(ready).toStrictEqual([
      await sut.find(em, 'oldest'),
      await sut.find(em, 'due-again'),
      await sut.find(em, 'middle'),
    ]);
    expect(ready[0]).toBeInstanceOf(WaitlistEntry);
  });
});
