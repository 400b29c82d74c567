import { ACTIVITY_EVENT_TYPES, TOPICS } from '@samenspel/contracts';
import { rememberErased } from '@samenspel/erasure';
import type { IncomingMessage, UnitsOfWork } from '@samenspel/messaging';
import { aUniqueName, aYouthRef, createTestDatabase, type TestDatabase } from '@samenspel/testing';
import { accepted, cloudEvent, offered, task, waitlistEntered } from '../../../../test/flow-events';
import { ledgerOn } from '../../../../test/ledger-harness';
import { monthOf } from '../../../domain/impact';
import { OpsSchema } from '../../../migrations';
import { RecordChunkCommand } from './record-chunk.command';
import type { RecordChunk } from './record-chunk.usecase';

type Produced = { topic: string; message: { key: string; value: string; headers: Record<string, string> } };

const CLUSTER = 'test-cluster';

// A chunk as the flow monitor records it (one transaction, its ledger rows in one statement, its
// new records projected in offset order), against the console's schema in a real PostgreSQL. The
// records are built as the broker hands them over; each gets the next offset of its topic.
describe('the ledger records a chunk of records at once (real PostgreSQL)', () => {
  let db: TestDatabase;
  let units: UnitsOfWork;
  let sut: RecordChunk;
  let nextOffset = 0;
  const month = monthOf(new Date());

  function incoming({ topic, message }: Produced): IncomingMessage {
    return {
      topic,
      partition: 0,
      offset: String(nextOffset++),
      key: Buffer.from(message.key),
      value: Buffer.from(message.value),
      headers: Object.fromEntries(Object.entries(message.headers).map(([k, v]) => [k, Buffer.from(v)])),
      timestamp: String(Date.now()),
    };
  }

  /** `produced` with other data fields (undefined drops one). */
  function withData(produced: Produced, data: Record<string, unknown>): Produced {
    const event = JSON.parse(produced.message.value) as { data: Record<string, unknown> };
    return {
      ...produced,
      message: { ...produced.message, value: JSON.stringify({ ...event, data: { ...event.data, ...data } }) },
    };
  }

  /** Records the chunk in one transaction, as the flow monitor does; the outcome of each record. */
  function recordChunk(messages: IncomingMessage[]): Promise<string[]> {
    return units.run((uow) =>
      sut.execute(new RecordChunkCommand({ clusterId: CLUSTER, records: messages }), uow),
    );
  }

  /** The impact counters of a municipality this month, by measure. */
  async function counted(municipality: string): Promise<Record<string, number>> {
    const rows = (await db.dataSource.query(
      `SELECT measure, count FROM impact_counter WHERE municipality_code = $1 AND month = $2`,
      [municipality, month],
    )) as { measure: string; count: number }[];
    return Object.fromEntries(rows.map((r) => [r.measure, r.count]));
  }

  beforeAll(async () => {
    db = await createTestDatabase('ops_ledger', { entities: [], migrations: OpsSchema });
    ({ recordChunk: sut, units } = ledgerOn(db.dataSource));
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('records only the new records of a chunk that holds a redelivered one, and each record once', async () => {
    const [y1, y2] = [aYouthRef(), aYouthRef()];
    const [entry1, entry2] = [aUniqueName('we'), aUniqueName('we')];
    const place = 'GM0101';
    const entered1 = incoming(waitlistEntered(y1, entry1, place));
    expect(await recordChunk([entered1])).toEqual(['recorded']);

    const offered1 = incoming(offered(y1, entry1, aUniqueName('of'), place));
    const undecodable = incoming({ topic: TOPICS.waitlist, message: { key: y2, value: '{', headers: {} } });
    const entered2 = incoming(waitlistEntered(y2, entry2, place));
    const noYouth = incoming({
      topic: TOPICS.task,
      message: { ...cloudEvent('nl.samenspel.test.other.v1', 'not a youthRef', {}), key: '' },
    });
    const deadLetter = incoming({ topic: `${TOPICS.bridging}.dlq`, message: deadLetteredOffer(y2) });
    const offered2 = incoming(offered(y2, entry2, aUniqueName('of'), place));
    const chunk = [entered1, offered1, undecodable, entered2, offered1, noYouth, deadLetter, offered2];
    expect(await recordChunk(chunk)).toEqual([
      'duplicate', // recorded by the chunk before
      'recorded',
      'recorded',
      'recorded',
      'duplicate', // the same coordinates again in the chunk
      'recorded',
      'recorded',
      'recorded',
    ]);
    // A redelivery of the whole chunk has no effect.
    expect(await recordChunk(chunk)).toEqual(chunk.map(() => 'duplicate'));

    const rows = (await db.dataSource.query(
      `SELECT "offset"::text AS "offset", youth_ref, valid, dead_letter FROM ledger_event
        WHERE cluster_id = $1 AND "offset" = ANY ($2::bigint[]) ORDER BY "offset"`,
      [CLUSTER, chunk.map((m) => m.offset)],
    )) as { offset: string; youth_ref: string | null; valid: boolean; dead_letter: boolean }[];
    expect(rows).toEqual([
      { offset: entered1.offset, youth_ref: y1, valid: true, dead_letter: false },
      { offset: offered1.offset, youth_ref: y1, valid: true, dead_letter: false },
      { offset: undecodable.offset, youth_ref: y2, valid: false, dead_letter: false },
      { offset: entered2.offset, youth_ref: y2, valid: true, dead_letter: false },
      { offset: noYouth.offset, youth_ref: null, valid: true, dead_letter: false },
      { offset: deadLetter.offset, youth_ref: y2, valid: true, dead_letter: true },
      { offset: offered2.offset, youth_ref: y2, valid: true, dead_letter: false },
    ]);
    const deadLetters = (await db.dataSource.query(
      `SELECT youth_ref FROM dead_letter WHERE cluster_id = $1 AND "offset" = $2`,
      [CLUSTER, deadLetter.offset],
    )) as { youth_ref: string }[];
    expect(deadLetters).toEqual([{ youth_ref: y2 }]);

    // Each entry's first offer once (the dead-lettered offer counts nothing), with its latency;
    // each entry with consent once.
    expect(await counted(place)).toEqual({
      entered_with_consent: 2,
      first_offers: 2,
      offers: 2,
      offered_youngsters: 2,
    });
    const latencies = (await db.dataSource.query(
      `SELECT count(*)::int AS n FROM impact_first_offer_latency WHERE municipality_code = $1`,
      [place],
    )) as { n: number }[];
    expect(latencies).toEqual([{ n: 2 }]);
  });

  it("applies one youngster's records in a chunk in offset order", async () => {
    const youthRef = aYouthRef();
    const [entry, secondEntry, offerId, taskId] = [
      aUniqueName('we'),
      aUniqueName('we'),
      aUniqueName('of'),
      aUniqueName('tk'),
    ];
    const [first, second] = ['GM0201', 'GM0202'];
    await recordChunk([incoming(waitlistEntered(youthRef, entry, first))]);

    // The offer names no municipality: it counts where the youngster lived at that record, before
    // the entry after it moved them; the acceptance after the move counts in the new one.
    expect(
      await recordChunk([
        incoming(withData(offered(youthRef, entry, offerId, first), { municipalityCode: undefined })),
        incoming(waitlistEntered(youthRef, secondEntry, second)),
        incoming(accepted(youthRef, entry, offerId)),
        incoming(task('created', youthRef, taskId)),
        incoming(task('claimed', youthRef, taskId)),
        incoming(task('completed', youthRef, taskId)),
      ]),
    ).toEqual(['recorded', 'recorded', 'recorded', 'recorded', 'recorded', 'recorded']);

    expect(await counted(first)).toEqual({
      entered_with_consent: 1,
      first_offers: 1,
      offers: 1,
      offered_youngsters: 1,
    });
    expect(await counted(second)).toEqual({ entered_with_consent: 1, offers_accepted: 1 });
    const [place] = (await db.dataSource.query(
      `SELECT municipality_code FROM youth_municipality WHERE youth_ref = $1`,
      [youthRef],
    )) as { municipality_code: string }[];
    expect(place).toEqual({ municipality_code: second });
    const [state] = (await db.dataSource.query(
      `SELECT claimed_at IS NOT NULL AS claimed, closed_at IS NOT NULL AS closed FROM task_state WHERE task_id = $1`,
      [taskId],
    )) as { claimed: boolean; closed: boolean }[];
    expect(state).toEqual({ claimed: true, closed: true });
  });

  it('counts a subject that comes twice in a chunk once, as its first record says', async () => {
    const youthRef = aYouthRef();
    const place = 'GM0301';
    const placementId = aUniqueName('pl');
    const attendance = (status: string) =>
      incoming({
        topic: TOPICS.activity,
        message: cloudEvent(ACTIVITY_EVENT_TYPES.attendanceRecorded, youthRef, {
          placementId,
          sessionDate: '2026-01-05',
          status,
          municipalityCode: place,
        }),
      });
    // Two offer ids that PostgreSQL stores alike: a lone surrogate arrives as U+FFFD.
    const entry = aUniqueName('we');
    const offerA = offered(youthRef, entry, 'of-\uD800-x', place);
    const offerB = offered(youthRef, entry, 'of-\uDC00-x', place);

    expect(
      await recordChunk([attendance('absent'), attendance('present'), incoming(offerA), incoming(offerB)]),
    ).toEqual(['recorded', 'recorded', 'recorded', 'recorded']);

    // The session once, as absent (its first record); the offer once.
    expect(await counted(place)).toEqual({ attendance_sessions: 1, offers: 1, offered_youngsters: 1 });
    const facts = (await db.dataSource.query(`SELECT subject FROM impact_fact WHERE measure = 'offers'`)) as {
      subject: string;
    }[];
    expect(facts.map((f) => f.subject)).toContain('of-\uFFFD-x');
  });

  it('writes the flow states of consecutive records of one type as one by one, the first of an entry or task winning', async () => {
    const place = 'GM0401';
    const [y1, y2, y3] = [aYouthRef(), aYouthRef(), aYouthRef()];
    const [entry1, entry2] = [aUniqueName('we'), aUniqueName('we')];
    const taskId = aUniqueName('tk');
    const hourAgo = new Date(Date.now() - 3600 * 1000);
    // The second entry's offer is read first (another topic): a placeholder row waits for its entry.
    await recordChunk([incoming(offered(y2, entry2, aUniqueName('of'), place))]);

    // The first entry twice (a redelivery under other coordinates, with other data); two entries
    // whose ids PostgreSQL stores alike (a lone surrogate arrives as U+FFFD); a task twice.
    const chunk = [
      incoming(waitlistEntered(y1, entry1, place, hourAgo)),
      incoming(waitlistEntered(y2, entry2, place, hourAgo)),
      incoming(waitlistEntered(y1, entry1, 'GM0402', new Date())),
      incoming(waitlistEntered(y3, `${entry1}-\uD800`, place)),
      incoming(waitlistEntered(y3, `${entry1}-\uDC00`, place)),
      incoming(task('created', y1, taskId)),
      incoming(withData(task('created', y1, taskId), { type: 'other-type' })),
    ];
    expect(await recordChunk(chunk)).toEqual(chunk.map(() => 'recorded'));

    expect(await counted(place)).toEqual({
      entered_with_consent: 3,
      first_offers: 1,
      offers: 1,
      offered_youngsters: 1,
    });
    expect(await counted('GM0402')).toEqual({});
    const entries = (await db.dataSource.query(
      `SELECT waitlist_entry_id, municipality_code, entered_at FROM waitlist_entry_state
        WHERE waitlist_entry_id LIKE $1 || '%' ORDER BY waitlist_entry_id`,
      [entry1],
    )) as { waitlist_entry_id: string; municipality_code: string; entered_at: Date }[];
    expect(entries).toEqual([
      { waitlist_entry_id: entry1, municipality_code: place, entered_at: hourAgo },
      { waitlist_entry_id: `${entry1}-\uFFFD`, municipality_code: place, entered_at: expect.any(Date) },
    ]);
    const [entered2] = (await db.dataSource.query(
      `SELECT entered_at, offered_at IS NOT NULL AS offered FROM waitlist_entry_state WHERE waitlist_entry_id = $1`,
      [entry2],
    )) as { entered_at: Date; offered: boolean }[];
    expect(entered2).toEqual({ entered_at: hourAgo, offered: true });
    const tasks = (await db.dataSource.query(`SELECT task_type FROM task_state WHERE task_id = $1`, [
      taskId,
    ])) as { task_type: string }[];
    expect(tasks).toEqual([{ task_type: 'bridging-offer' }]);
  });

  it('erases in the chunk the records of a youngster erased in the last days', async () => {
    const [x, erased] = [aYouthRef(), aYouthRef()];
    const [entryX, entryErased] = [aUniqueName('we'), aUniqueName('we')];
    await db.dataSource.transaction((em) => rememberErased(em, erased));
    const chunk = [
      incoming(waitlistEntered(x, entryX, 'GM0501')),
      incoming(waitlistEntered(erased, entryErased, 'GM0501')),
      incoming(offered(erased, entryErased, aUniqueName('of'), 'GM0501')),
    ];
    expect(await recordChunk(chunk)).toEqual(['recorded', 'recorded', 'recorded']);

    const rows = (await db.dataSource.query(
      `SELECT youth_ref FROM ledger_event WHERE cluster_id = $1 AND "offset" = ANY ($2::bigint[]) ORDER BY "offset"`,
      [CLUSTER, chunk.map((m) => m.offset)],
    )) as { youth_ref: string | null }[];
    expect(rows).toEqual([{ youth_ref: x }, { youth_ref: null }, { youth_ref: null }]);
    const entries = (await db.dataSource.query(
      `SELECT waitlist_entry_id FROM waitlist_entry_state WHERE waitlist_entry_id = ANY ($1::text[])`,
      [[entryX, entryErased]],
    )) as { waitlist_entry_id: string }[];
    expect(entries).toEqual([{ waitlist_entry_id: entryX }]);
    const facts = (await db.dataSource.query(
      `SELECT subject FROM impact_fact WHERE measure = 'offered_youngsters' AND starts_with(subject, $1)`,
      [erased],
    )) as { subject: string }[];
    expect(facts).toEqual([]);
  });
});

/** A dead letter of an offer, as the consumer that gave up put it on the dead-letter topic. */
function deadLetteredOffer(youthRef: string): Produced['message'] {
  const { message } = offered(youthRef, aUniqueName('we'), aUniqueName('of'), 'GM0101');
  return {
    ...message,
    headers: {
      ...message.headers,
      'dlq-reason': 'handler-failed: boom',
      'dlq-original-topic': TOPICS.bridging,
      'dlq-original-partition': '0',
      'dlq-original-offset': '7',
    },
  };
}
