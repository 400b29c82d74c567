import { TOPICS } from '@samenspel/contracts';
import {
  authHeader,
  aYouthRef,
  startService,
  TestKafka,
  TopicRecorder,
  updatedEvent,
  exitedEvent,
  toRecord,
  waitFor,
  type ServiceUnderTest,
} from '@samenspel/testing';
import {
  ClientCredentialsTokenSource,
  DEV_CLIENT_SECRET,
  labelNamesOf,
  METRIC_LABEL_NAMES,
  PROMETHEUS_SERIES_LABELS,
} from '@samenspel/http';
import { withDatabase } from '@samenspel/persistence';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { PlacementRefusedError, type HoldOutcome } from '../src/activity-catalog/activity-catalog.port';
import { HttpActivityCatalog } from '../src/activity-catalog/http-activity-catalog.adapter';
import { MATCH_CHANNEL } from '../src/matching/matcher.signal';
import { aMunicipality, BridgingHarness, INTAKE, type EntryView } from './bridging-harness';

/**
 * The waitlist-bridging service end to end: a real activity service as the catalogue, inbound
 * events from a plain Kafka producer, outbound events read from samenspel.bridging.v1.
 */
describe('waitlist bridging', () => {
  let activity: ServiceUnderTest;
  let bridging: ServiceUnderTest;
  let h: BridgingHarness;
  let dlq: TopicRecorder;
  const kafka = new TestKafka();
  // Scrapes come from loopback, outside the one network (TEST-NET-1) allowed: only the token opens /metrics.
  const METRICS_TOKEN = `scrape-${randomUUID()}`;
  const scrapeSettings = { METRICS_ALLOWED_CIDRS: '192.0.2.0/24' };

  /** The bridging service's own adapter, pointed at the real activity service. */
  const activityCatalog = () =>
    new HttpActivityCatalog({
      baseUrl: activity.baseUrl,
      timeoutMs: 5000,
      tokens: new ClientCredentialsTokenSource({
        issuer: process.env.AUTH_ISSUER!,
        clientId: 'waitlist-bridging',
        clientSecret: DEV_CLIENT_SECRET,
      }),
    });

  beforeAll(async () => {
    activity = await startService('activity', { env: { HOLD_SWEEP_INTERVAL_MS: '250', ...scrapeSettings } });
    bridging = await startService('waitlist-bridging', {
      env: { ACTIVITY_URL: activity.baseUrl, METRICS_TOKEN, ...scrapeSettings },
    });
    const outbound = await TopicRecorder.start(TOPICS.bridging);
    dlq = await TopicRecorder.start(`${TOPICS.waitlist}.dlq`);
    h = new BridgingHarness(activity, bridging, kafka, outbound);
  }, 120000);

  afterAll(async () => {
    await h?.outbound.stop();
    await dlq?.stop();
    await kafka.close();
    await h?.bridging.dispose();
    await activity?.dispose();
  });

  it('offers the best activity within 5 s of a structured entered event, and an accept confirms the seat', async () => {
    const m = aMunicipality();
    const teamId = await h.team(m);
    await h.activityFor(teamId, m, { title: 'Voetbal', themes: ['sport'] });
    const music = await h.activityFor(teamId, m, { title: 'Muziekstudio', themes: ['music'] });
    const entered = h.entered(m, { interests: ['music', 'skateboarding'] });
    const { waitlistEntryId, youthRef } = entered.data as { waitlistEntryId: string; youthRef: string };

    const sentAt = Date.now();
    await h.send([entered], 'structured');
    const [offered] = await h.outboundEvent(youthRef, 'offered', 1, 5000);
    // Measured from the produce call to the event arriving on samenspel.bridging.v1.
    expect(offered.receivedAt - sentAt).toBeLessThan(5000);
    expect(offered.event?.data).toMatchObject({
      waitlistEntryId,
      youthRef,
      activityId: music,
      teamId,
      rank: 1,
      activityTitle: 'Muziekstudio',
      municipalityCode: m,
    });
    const entry = await h.entryIn(waitlistEntryId, 'offered');
    const offerId = entry.offers[0].offerId;
    expect((await h.placement(`youthRef=${youthRef}`)).items).toEqual([
      expect.objectContaining({ status: 'held', reference: offerId, activityId: music }),
    ]);

    // Only the owning team decides; an intake system may not.
    expect((await h.decide(offerId, 'another-team', 'accept')).status).toBe(403);
    const asIntake = await fetch(`${bridging.baseUrl}/api/v1/offers/${offerId}/accept`, {
      method: 'POST',
      headers: await authHeader('intake-system'),
    });
    expect(asIntake.status).toBe(403);
    // The other team's refused attempt is in the youngster's audit trail.
    const denied = await waitFor(
      async () => {
        const trail = await fetch(`${bridging.baseUrl}/api/v1/audit?subject=${youthRef}`, {
          headers: await authHeader('admin'),
        });
        const items = ((await trail.json()) as { items: { outcome: string; statusCode: number }[] }).items;
        return items.find((r) => r.outcome === 'denied' && r.statusCode === 403);
      },
      { description: 'the refused accept in the audit trail of the youngster' },
    );
    expect(denied).toMatchObject({ endpoint: { method: 'POST', route: '/api/v1/offers/:offerId/accept' } });
    const accepted = await h.decide(offerId, teamId, 'accept');
    expect(accepted.status).toBe(200);
    await h.outboundEvent(youthRef, 'accepted');
    expect((await h.entryIn(waitlistEntryId, 'bridged')).offers[0].status).toBe('accepted');
    expect((await h.placement(`youthRef=${youthRef}`)).items[0].status).toBe('confirmed');

    const measures = await fetch(`${bridging.baseUrl}/api/v1/measures?municipalityCode=${m}`, {
      headers: await authHeader('ops'),
    });
    expect(await measures.json()).toMatchObject({
      items: [
        {
          municipalityCode: m,
          entries: 1,
          waiting: 1,
          bridged: 1,
          shareBridged: 1,
          firstOffer: { count: 1 },
        },
      ],
    });
    // The measures as metrics: over the whole installation, never by municipality.
    const metrics = await (
      await fetch(`${bridging.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
    ).text();
    expect(metrics).toMatch(
      /^samenspel_bridging_first_offer_seconds_count\{service="waitlist-bridging"\} [1-9]/m,
    );
    expect(metrics).toMatch(/^samenspel_bridging_share_bridged\{service="waitlist-bridging"\} [0-9.]+$/m);
    expect(metrics).not.toContain('municipality');
    expect(metrics).not.toContain(m);
    const reviewed = [...METRIC_LABEL_NAMES, ...PROMETHEUS_SERIES_LABELS];
    expect([...labelNamesOf(metrics)].filter((label) => !reviewed.includes(label))).toEqual([]);

    // Care starts: the accepted placement goes on, and the team agrees the next step.
    await h.send([exitedEvent(INTAKE, { waitlistEntryId, youthRef, reason: 'care-started' })]);
    const [ended] = await h.outboundEvent(youthRef, 'ended');
    expect(ended.event?.data).toMatchObject({
      reason: 'care-started',
      placementContinues: true,
      teamId,
      activityId: music,
    });
    expect((await h.placement(`youthRef=${youthRef}`)).items[0].status).toBe('confirmed');
  });

  it('serves /metrics only to an allowed network or with the scrape token, and anyone else a problem', async () => {
    const asProblem = async (res: Response) => {
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      return (await res.json()) as { status: number; type: string };
    };
    const anonymous = await fetch(`${bridging.baseUrl}/metrics`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect(await asProblem(anonymous)).toMatchObject({
      status: 401,
      type: expect.stringMatching(/metrics-token-required$/),
    });
    const wrongToken = await fetch(`${bridging.baseUrl}/metrics`, {
      headers: { authorization: 'Bearer guessed' },
    });
    expect(wrongToken.status).toBe(401);
    // The activity service has no scrape token: outside its network the answer is 403, whatever a
    // forwarding header claims.
    const forwarded = await fetch(`${activity.baseUrl}/metrics`, {
      headers: { 'x-forwarded-for': '192.0.2.1' },
    });
    expect(forwarded.status).toBe(403);
    expect(await asProblem(forwarded)).toMatchObject({
      status: 403,
      type: expect.stringMatching(/metrics-network-refused$/),
    });
    const withToken = await fetch(`${bridging.baseUrl}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(withToken.status).toBe(200);
    expect(await withToken.text()).toContain('# TYPE samenspel_bridging_first_offer_seconds histogram');
  });

  it('offers an activity for an entered event in binary content mode', async () => {
    const m = aMunicipality();
    const teamId = await h.team(m);
    const activityId = await h.activityFor(teamId, m);
    const entered = h.entered(m);
    const { waitlistEntryId, youthRef } = entered.data as { waitlistEntryId: string; youthRef: string };
    await h.send([entered], 'binary');
    const [offered] = await h.outboundEvent(youthRef, 'offered');
    expect(offered.event?.data).toMatchObject({ waitlistEntryId, activityId, rank: 1 });
    expect(offered.key).toBe(youthRef);
    const openApi = (await (await fetch(`${bridging.baseUrl}/docs-json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(openApi.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/waitlist-entries',
        '/api/v1/waitlist-entries/{waitlistEntryId}',
        '/api/v1/offers/{offerId}/accept',
        '/api/v1/offers/{offerId}/decline',
        '/api/v1/measures',
      ]),
    );
  });

  it.each`
    age   | givenBy                 | valid
    ${11} | ${'guardian'}           | ${true}
    ${11} | ${'youth'}              | ${false}
    ${12} | ${'youth-and-guardian'} | ${true}
    ${12} | ${'guardian'}           | ${false}
    ${15} | ${'youth-and-guardian'} | ${true}
    ${15} | ${'youth'}              | ${false}
    ${16} | ${'youth'}              | ${true}
    ${16} | ${'guardian'}           | ${false}
  `('at $age, consent given by $givenBy leads to an offer: $valid', async ({ age, givenBy, valid }) => {
    const m = aMunicipality();
    const teamId = await h.team(m);
    await h.activityFor(teamId, m);
    const entered = h.entered(m, {
      ageYears: age,
      consent: { youthWork: true, givenBy, givenAt: '2026-11-20T09:00:00Z' },
    });
    const { waitlistEntryId, youthRef } = entered.data as { waitlistEntryId: string; youthRef: string };
    await h.send([entered]);
    if (valid) {
      await h.outboundEvent(youthRef, 'offered');
      return;
    }
    const [missing] = await h.outboundEvent(youthRef, 'consent-missing');
    expect(missing.event?.data).toMatchObject({ waitlistEntryId, ageYears: age });
    expect((await h.entryIn(waitlistEntryId, 'awaiting-consent')).offers).toEqual([]);
    // Nothing about the youngster reached youth work: no seat held, no offer (so no task).
    expect((await h.placement(`youthRef=${youthRef}`)).items).toEqual([]);
    expect(h.outbound.of(youthRef, 'nl.samenspel.bridging.offered.v1')).toEqual([]);
  });

  it('resumes the flow when an update brings valid consent', async () => {
    const m = aMunicipality();
    const teamId = await h.team(m);
    const activityId = await h.activityFor(teamId, m);
    const entered = h.entered(m, {
      ageYears: 14,
      consent: { youthWork: true, givenBy: 'youth', givenAt: '2026-11-20T09:00:00Z' },
    });
    const { waitlistEntryId, youthRef } = entered.data as { waitlistEntryId: string; youthRef: string };
    await h.send([entered]);
    await h.entryIn(waitlistEntryId, 'awaiting-consent');
    await h.send([
      updatedEvent(INTAKE, {
        waitlistEntryId,
        youthRef,
        consent: { youthWork: true, givenBy: 'youth-and-guardian', givenAt: '2026-11-26T09:00:00Z' },
      }),
    ]);
    const [offered] = await h.outboundEvent(youthRef, 'offered');
    expect(offered.event?.data).toMatchObject({ waitlistEntryId, activityId });
  });

  it('gives a duplicate event, and a second entered for the same entry, no second effect', async () => {
    const m = aMunicipality();
    const teamId = await h.team(m);
    await h.activityFor(teamId, m, { capacity: 5 });
    const entered = h.entered(m);
    const { waitlistEntryId, youthRef } = entered.data as { waitlistEntryId: string; youthRef: string };
    const again = { ...entered, id: `${entered.id}-again` };
    await h.send([entered, entered, again]);
    await h.outboundEvent(youthRef, 'offered');
    // Same key, same partition: once the exit is applied, the repeats before it were too.
    await h.send([exitedEvent(INTAKE, { waitlistEntryId, youthRef, reason: 'withdrawn' })]);
    await h.outboundEvent(youthRef, 'ended');
    expect(h.outbound.of(youthRef, 'nl.samenspel.bridging.offered.v1')).toHaveLength(1);
    expect((await h.entry(waitlistEntryId))?.offers).toHaveLength(1);
    expect((await h.placement(`youthRef=${youthRef}`)).items).toHaveLength(1);
  });

  it('sends malformed events to jeugdzorg.waitlist.v1.dlq with a reason, a field outside the contract redacted', async () => {
    const m = aMunicipality();
    const good = h.entered(m);
    const youthRef = String(good.data.youthRef);
    const withBsn = { ...good, id: `${good.id}-bsn`, data: { ...good.data, bsn: '000000000' } };
    const tooOld = { ...good, id: `${good.id}-age`, data: { ...good.data, ageYears: 99 } };
    const binaryWithBsn = { ...withBsn, id: `${good.id}-bsn-binary` };
    await kafka.produce(TOPICS.waitlist, [
      {
        key: youthRef,
        value: '{"specversion":"1.0","id":',
        headers: { 'content-type': 'application/cloudevents+json' },
      },
      {
        key: youthRef,
        value: JSON.stringify(withBsn),
        headers: { 'content-type': 'application/cloudevents+json' },
      },
    ]);
    await h.send([tooOld, binaryWithBsn], 'binary');
    // This service's letters, one per record sent: other services on the shared broker consume the
    // topic too, and a consumer that rejoins its group may dead-letter a record again.
    const ours = () => dlq.of(youthRef).filter((l) => l.headers['dlq-consumer'] === h.bridging.groupId);
    const distinct = () => [...new Map(ours().map((l) => [l.headers['dlq-original-offset'], l])).values()];
    const letters = await waitFor(() => (distinct().length >= 4 ? distinct() : undefined), {
      timeoutMs: 15000,
      description: 'four dead letters',
    });
    const reasons = letters.map((l) => l.headers['dlq-reason']);
    expect(reasons).toEqual([
      expect.stringMatching(/^invalid-envelope: structured event is not valid JSON/),
      expect.stringMatching(/^invalid-data: .*bsn/),
      expect.stringMatching(/^invalid-data: ageYears/),
      expect.stringMatching(/^invalid-data: .*bsn/),
    ]);
    expect(letters.every((l) => l.headers['dlq-original-topic'] === TOPICS.waitlist)).toBe(true);
    // The BSN is redacted, in the data of a structured event and in a binary-mode value alike.
    expect(letters.map((l) => l.headers['dlq-redacted'])).toEqual([
      undefined,
      '["/data/bsn"]',
      undefined,
      '["/bsn"]',
    ]);
    expect(letters[1].event?.data).toEqual({ ...withBsn.data, bsn: '[redacted]' });
    expect(JSON.parse(letters[3].value!)).toEqual({ ...withBsn.data, bsn: '[redacted]' });
    expect(letters.filter((l) => l.value?.includes('000000000'))).toEqual([]);
    // Every other dead letter keeps the bytes it came with.
    expect(letters[0].value).toBe('{"specversion":"1.0","id":');
    expect(letters[2].value).toBe(toRecord(tooOld, 'binary').value);
  });

  it('gives 12 youngsters for 10 seats 10 offers and queues 2; a decline moves the queue', async () => {
    const m = aMunicipality();
    const teamId = await h.team(m);
    const activityId = await h.activityFor(teamId, m, { capacity: 10 });
    const start = Date.now() - 60000;
    const events = Array.from({ length: 12 }, (_, i) =>
      h.entered(m, { enteredAt: new Date(start + i * 1000).toISOString() }),
    );
    await h.send(events);
    const ids = events.map((e) => String(e.data.waitlistEntryId));
    const settled = await waitFor(
      async () => {
        const entries = await Promise.all(ids.map((id) => h.entry(id)));
        const offered = entries.filter((e): e is EntryView => e?.status === 'offered');
        const queued = entries.filter((e): e is EntryView => e?.status === 'queued');
        return offered.length === 10 && queued.length === 2 ? { offered, queued } : undefined;
      },
      { timeoutMs: 30000, intervalMs: 250, description: '10 offered and 2 queued' },
    );
    for (const q of settled.queued) await h.outboundEvent(q.youthRef, 'queued');
    const listed = await fetch(
      `${bridging.baseUrl}/api/v1/waitlist-entries?municipalityCode=${m}&status=queued`,
      {
        headers: await authHeader('ops'),
      },
    );
    expect(await listed.json()).toMatchObject({
      total: 2,
      items: [{ status: 'queued' }, { status: 'queued' }],
    });
    const [firstQueued, secondQueued] = settled.queued
      .map((q) => ({ ...q, at: ids.indexOf(q.waitlistEntryId) }))
      .sort((a, b) => a.at - b.at);

    const decliner = settled.offered[0];
    expect((await h.decide(decliner.offers[0].offerId, teamId, 'decline', 'not-interested')).status).toBe(
      200,
    );
    await h.outboundEvent(decliner.youthRef, 'declined');

    // FIFO: the youngster who entered first of the two queued gets the freed seat.
    const moved = await h.entryIn(firstQueued.waitlistEntryId, 'offered', 20000);
    expect(moved.offers[0]).toMatchObject({ activityId, rank: 1, status: 'open' });
    // The decliner is never offered the same activity again: with no other activity, it waits.
    await h.entryIn(decliner.waitlistEntryId, 'queued');
    // The second in the queue was woken too, found no seat, and waits again (without a second queued event).
    await h.entryIn(secondQueued.waitlistEntryId, 'queued');
    expect(h.outbound.of(secondQueued.youthRef, 'nl.samenspel.bridging.queued.v1')).toHaveLength(1);
  });

  it('ends a no-match after the third offer is declined, never offering an activity twice', async () => {
    const m = aMunicipality();
    const teamId = await h.team(m);
    const activities = [
      await h.activityFor(teamId, m, { title: 'A', themes: ['music'], postcode4: '3581' }),
      await h.activityFor(teamId, m, { title: 'B', themes: ['music'], postcode4: '3584' }),
      await h.activityFor(teamId, m, { title: 'C', themes: ['sport'], postcode4: '3584' }),
      await h.activityFor(teamId, m, { title: 'D', themes: ['sport'], postcode4: '3511' }),
    ];
    const entered = h.entered(m);
    const { waitlistEntryId, youthRef } = entered.data as { waitlistEntryId: string; youthRef: string };
    await h.send([entered]);
    for (let rank = 1; rank <= 3; rank++) {
      const offers = await h.outboundEvent(youthRef, 'offered', rank);
      const offer = offers[rank - 1].event!.data!;
      expect(offer.rank).toBe(rank);
      expect((await h.decide(String(offer.offerId), teamId, 'decline')).status).toBe(200);
    }
    const [noMatch] = await h.outboundEvent(youthRef, 'no-match');
    expect(noMatch.event?.data).toMatchObject({ reason: 'offers-exhausted' });
    const entry = await h.entryIn(waitlistEntryId, 'no-match');
    // Ranked by interest overlap, then proximity: A (music, same postcode), B (music), then C or D.
    expect(entry.offers.map((o) => o.activityId).slice(0, 2)).toEqual(activities.slice(0, 2));
    expect(new Set(entry.offers.map((o) => o.activityId)).size).toBe(3);
  });

  it.each`
    reason            | before
    ${'care-started'} | ${'offered'}
    ${'withdrawn'}    | ${'offered'}
    ${'moved'}        | ${'queued'}
    ${'other'}        | ${'awaiting-consent'}
  `(
    'on exit $reason from $before, withdraws what is open, releases the seat and ends',
    async ({ reason, before }) => {
      const m = aMunicipality();
      const teamId = await h.team(m);
      if (before === 'offered') await h.activityFor(teamId, m);
      const entered = h.entered(m, {
        ageYears: 16,
        consent: {
          youthWork: before !== 'awaiting-consent',
          givenBy: 'youth',
          givenAt: '2026-11-20T09:00:00Z',
        },
      });
      const { waitlistEntryId, youthRef } = entered.data as { waitlistEntryId: string; youthRef: string };
      await h.send([entered]);
      await h.entryIn(waitlistEntryId, before);
      await h.send([exitedEvent(INTAKE, { waitlistEntryId, youthRef, reason })]);
      const [ended] = await h.outboundEvent(youthRef, 'ended');
      expect(ended.event?.data).toMatchObject({ waitlistEntryId, reason, placementContinues: false });
      const entry = await h.entryIn(waitlistEntryId, 'ended');
      if (before === 'offered') {
        const [withdrawn] = await h.outboundEvent(youthRef, 'offer-withdrawn');
        expect(withdrawn.event?.data).toMatchObject({ offerId: entry.offers[0].offerId, reason });
        expect(entry.offers[0].status).toBe('withdrawn');
        await waitFor(
          async () => (await h.placement(`youthRef=${youthRef}`)).items[0]?.status === 'released',
          {
            timeoutMs: 15000,
            description: 'the held seat released',
          },
        );
      } else {
        expect(entry.offers).toEqual([]);
      }
    },
  );

  it('the activity adapter returns the seat held first when a reference is retried on another activity, and reports a full one', async () => {
    const m = aMunicipality();
    const teamId = await h.team(m);
    const first = await h.activityFor(teamId, m, { capacity: 1 });
    const second = await h.activityFor(teamId, m, { capacity: 1 });
    const catalog = activityCatalog();
    // A query that leaves the activity service one candidate: this activity.
    const only = (activityId: string) => ({
      ageYears: 14,
      postcode4: '3581',
      municipalityCode: m,
      interests: ['music'],
      excludeActivityIds: [activityId === first ? second : first],
    });
    const youthRef = aYouthRef();
    const reference = randomUUID();
    const expiresAt = new Date(Date.now() + 3600000).toISOString();
    const [held] = await catalog.holdBestAll([{ query: only(first), youthRef, reference, expiresAt }]);
    const [retried] = await catalog.holdBestAll([{ query: only(second), youthRef, reference, expiresAt }]);
    const placementOf = (r: HoldOutcome | Error | undefined) =>
      r && !(r instanceof Error) && r.held ? r.held.placementId : undefined;
    expect(placementOf(held) !== undefined && placementOf(retried) === placementOf(held)).toBe(true);
    expect(
      await catalog.holdBestAll([
        { query: only(first), youthRef: aYouthRef(), reference: randomUUID(), expiresAt },
      ]),
    ).toEqual([{ held: null }]);
  });

  it('the activity adapter holds the best free seat in one call, returns it again for the same reference once full, and answers none when nothing is free', async () => {
    const m = aMunicipality();
    const teamId = await h.team(m);
    const music = await h.activityFor(teamId, m, { title: 'Muziekstudio', themes: ['music'], capacity: 1 });
    const sport = await h.activityFor(teamId, m, { title: 'Voetbal', themes: ['sport'], capacity: 1 });
    const catalog = activityCatalog();
    const query = { ageYears: 14, postcode4: '3581', municipalityCode: m, interests: ['music'] };
    const youthRef = aYouthRef();
    const reference = randomUUID();
    const expiresAt = new Date(Date.now() + 3600000).toISOString();

    const [held] = await catalog.holdBestAll([{ query, youthRef, reference, expiresAt }]);
    expect(held).toEqual({
      held: expect.objectContaining({ activityId: music, teamId, status: 'held' }),
      activity: { activityId: music, teamId, title: 'Muziekstudio' },
    });
    // Muziekstudio is full now (our own seat): the same reference still answers that seat.
    const [retried] = await catalog.holdBestAll([{ query, youthRef, reference, expiresAt }]);
    expect(retried).toEqual(held);
    // Another youngster who had Voetbal before: nothing left for them.
    expect(
      await catalog.holdBestAll([
        {
          query: { ...query, excludeActivityIds: [sport] },
          youthRef: aYouthRef(),
          reference: randomUUID(),
          expiresAt,
        },
      ]),
    ).toEqual([{ held: null }]);
    expect((await h.placement(`youthRef=${youthRef}`)).items).toEqual([
      expect.objectContaining({ status: 'held', reference, activityId: music }),
    ]);
  });

  it('the activity adapter holds seats for several youngsters in one call, in order, and reports a refused one on its own', async () => {
    const m = aMunicipality();
    const teamId = await h.team(m);
    const music = await h.activityFor(teamId, m, { title: 'Muziekstudio', themes: ['music'], capacity: 1 });
    const catalog = activityCatalog();
    const query = { ageYears: 14, postcode4: '3581', municipalityCode: m, interests: ['music'] };
    const expiresAt = new Date(Date.now() + 3600000).toISOString();
    const first = { query, youthRef: aYouthRef(), reference: randomUUID(), expiresAt };
    const second = { query, youthRef: aYouthRef(), reference: randomUUID(), expiresAt };
    // The first youngster's reference for another youngster: a client bug, refused on its own.
    const misused = { query, youthRef: aYouthRef(), reference: first.reference, expiresAt };

    const results = await catalog.holdBestAll([first, second, misused]);

    expect(results).toEqual([
      {
        held: expect.objectContaining({ activityId: music, teamId, status: 'held' }),
        activity: { activityId: music, teamId, title: 'Muziekstudio' },
      },
      { held: null },
      expect.any(PlacementRefusedError),
    ]);
    expect(results[2]).toMatchObject({
      status: 409,
      problemType: expect.stringMatching(/reference-conflict$/),
    });
    expect((await h.placement(`youthRef=${first.youthRef}`)).items).toEqual([
      expect.objectContaining({ status: 'held', reference: first.reference, activityId: music }),
    ]);
  });

  describe('with offers that lapse after 3 s', () => {
    beforeAll(async () => {
      await h.restartBridging({ BRIDGING_OFFER_TTL: 'PT3S' });
    }, 90000);

    it('expires the offer with its hold and offers the next-best activity', async () => {
      const m = aMunicipality();
      const teamId = await h.team(m);
      const best = await h.activityFor(teamId, m, { title: 'Muziek', themes: ['music'] });
      const next = await h.activityFor(teamId, m, { title: 'Sport', themes: ['sport'] });
      const entered = h.entered(m);
      const { waitlistEntryId, youthRef } = entered.data as { waitlistEntryId: string; youthRef: string };
      await h.send([entered]);
      const [first] = await h.outboundEvent(youthRef, 'offered');
      expect(first.event?.data).toMatchObject({ activityId: best, rank: 1 });
      const [expired] = await h.outboundEvent(youthRef, 'expired', 1, 20000);
      expect(expired.event?.data).toMatchObject({ offerId: first.event?.data?.offerId, activityId: best });
      const offers = await h.outboundEvent(youthRef, 'offered', 2, 20000);
      expect(offers[1].event?.data).toMatchObject({ activityId: next, rank: 2 });
      const entry = await h.entry(waitlistEntryId);
      expect(entry?.offers.map((o) => [o.rank, o.status])).toEqual(expect.arrayContaining([[1, 'expired']]));
    });
  });

  describe('with the fallback sweep ten minutes away', () => {
    beforeAll(async () => {
      await h.restartBridging({ BRIDGING_MATCH_SWEEP_MS: '600000' });
    }, 90000);

    it('matches more entries than one pass takes after a single wake, without waiting for the sweep', async () => {
      // 1,050 entries become ready together with one wake-up: left-over work, or youngsters whose
      // retry time passed while the activity service was away. One pass of the matcher takes
      // 1,000 (50 batches of 20); the other 50 must follow at once, not at the next sweep.
      const m = aMunicipality();
      const teamId = await h.team(m);
      const activityId = await h.activityFor(teamId, m, { capacity: 2000 });
      const db = new Client({
        connectionString: withDatabase(process.env.DATABASE_URL ?? '', h.bridging.databaseName),
      });
      await db.connect();
      const count = async (status: string) =>
        Number(
          (
            await db.query<{ n: string }>(
              `SELECT count(*) AS n FROM waitlist_entry WHERE municipality_code = $1 AND status = $2`,
              [m, status],
            )
          ).rows[0].n,
        );
      try {
        // Once bridging has heard of the activity (which wakes the matcher too), nothing else will.
        await waitFor(
          async () =>
            (await db.query(`SELECT 1 FROM known_activity WHERE activity_id = $1`, [activityId])).rowCount ===
            1,
        );
        await db.query(
          `INSERT INTO waitlist_entry (waitlist_entry_id, youth_ref, source, age_years, postcode4, municipality_code,
                                       care_category, expected_wait_weeks, interests, status, entered_at)
           SELECT gen_random_uuid()::text, 'yr_' || substr(md5(random()::text), 1, 12), $1, 14, '3581', $2,
                  'ggz', 12, '{music}', 'matching', now() - make_interval(secs => 2000 - i)
             FROM generate_series(1, 1050) AS i`,
          [INTAKE, m],
        );
        await db.query(`SELECT pg_notify($1, '')`, [MATCH_CHANNEL]);
        await waitFor(async () => (await count('offered')) === 1050, {
          timeoutMs: 150000,
          intervalMs: 500,
          description: 'all 1,050 offered',
        });
        expect(await count('matching')).toBe(0);
      } finally {
        await db.end();
      }
    }, 180000);
  });
});
