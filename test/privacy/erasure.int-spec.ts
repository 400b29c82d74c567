import { PRIVACY_EVENT_TYPES, TOPICS } from '@samenspel/contracts';
import {
  anEventId,
  authHeader,
  launchChromium,
  openSignedIn,
  signInPort,
  startService,
  TestKafka,
  TopicRecorder,
  waitFor,
  type ServiceUnderTest,
} from '@samenspel/testing';
import { aMunicipality, BridgingHarness } from '../../apps/waitlist-bridging/test/bridging-harness';
import { queryDatabase, scanDatabase, type Finding } from './database-scan';

const SERVICES = ['referral', 'waitlist-bridging', 'activity', 'notification', 'ops-console'];

interface ErasureView {
  id: string;
  origin: string;
  youthRef: string | null;
  complete: boolean;
  confirmed: string[];
  waitingFor: string[];
  completedAt: string | null;
}

/**
 * AVG art. 17 across all five services on the real broker and databases: a youngster's whole flow
 * (waiting list with consent, offer, team task, accepted placement, a referral with a note), then
 * an erasure request. Every service confirms; the console reports the request complete; no
 * database holds the youthRef any more, the impact figures are what they were, and each service's
 * audit trail holds the erase record (without the youthRef).
 */
describe('erasure of a youngster across every service', () => {
  const kafka = new TestKafka();
  let activity: ServiceUnderTest;
  let bridging: ServiceUnderTest;
  let notification: ServiceUnderTest;
  let referral: ServiceUnderTest;
  let ops: ServiceUnderTest;
  let services: ServiceUnderTest[];
  const started: ServiceUnderTest[] = [];
  let h: BridgingHarness;
  let confirmations: TopicRecorder;

  beforeAll(async () => {
    // One after another: five services joining their groups at once on a busy machine can take
    // longer than the harness's readiness wait. Each one started is disposed, whatever fails later.
    const start = async (name: string, env?: Record<string, string>, port?: number) => {
      // A fast sweeper: it also erases again what an event in flight brought back after an erasure.
      const sut = await startService(name, { env: { RETENTION_SWEEP_INTERVAL_MS: '500', ...env }, port });
      started.push(sut);
      return sut;
    };
    activity = await start('activity');
    bridging = await start('waitlist-bridging', { ACTIVITY_URL: activity.baseUrl });
    notification = await start('notification');
    referral = await start('referral');
    // On the port the run's provider knows as the console's, so that ops can sign in to its page.
    ops = await start('ops-console', { IMPACT_MIN_CELL: '1' }, signInPort('ops-console'));
    services = [referral, bridging, activity, notification, ops];
    h = new BridgingHarness(activity, bridging, kafka, await TopicRecorder.start(TOPICS.bridging));
    confirmations = await TopicRecorder.start(TOPICS.privacy);
  }, 400000);

  afterAll(async () => {
    await h?.outbound.stop();
    await confirmations?.stop();
    await Promise.all(started.map((s) => s.dispose()));
    await kafka.close();
  });

  /** A youngster with a bridged wait, a team task, a confirmed placement and a referral with a note. */
  async function aFullFlow() {
    const municipality = aMunicipality();
    const teamId = await h.team(municipality);
    const activityId = await h.activityFor(teamId, municipality, { title: 'Muziekstudio', capacity: 4 });
    const entered = h.entered(municipality, { ageYears: 14, interests: ['music'] });
    const youthRef = entered.data.youthRef as string;
    const waitlistEntryId = entered.data.waitlistEntryId as string;
    await h.send([entered]);
    const [offered] = await h.outboundEvent(youthRef, 'offered', 1, 20000);
    const offerId = offered.event?.data?.offerId as string;
    const team = await authHeader('team-lead', { teamId });
    await waitFor(
      async () => {
        const res = await fetch(`${notification.baseUrl}/api/v1/tasks?type=bridging-offer`, {
          headers: team,
        });
        const page = (await res.json()) as { items: { youthRef: string }[] };
        return page.items.some((t) => t.youthRef === youthRef);
      },
      { timeoutMs: 20000, intervalMs: 100, description: 'the bridging-offer task' },
    );
    expect((await h.decide(offerId, teamId, 'accept')).status).toBe(200);
    await h.entryIn(waitlistEntryId, 'bridged');
    const created = await fetch(`${referral.baseUrl}/api/v1/referrals`, {
      method: 'POST',
      headers: {
        ...(await authHeader('intake-system', { org: 'Synthetische Jeugdhulp' })),
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        direction: 'care-to-youth-work',
        phase: 'during',
        youthRef,
        ageYears: 14,
        postcode4: '3581',
        municipalityCode: municipality,
        reason: 'leisure',
        themes: ['music'],
        note: 'Synthetic note: likes making music with others.',
        consent: { youthWork: true, givenBy: 'youth-and-guardian', givenAt: new Date().toISOString() },
      }),
    });
    expect(created.status).toBe(201);
    // The console has seen the whole flow: entered, offered, accepted, the task and the referral.
    const opsToken = await authHeader('ops');
    await waitFor(
      async () => {
        const res = await fetch(`${ops.baseUrl}/api/v1/flows/${youthRef}`, { headers: opsToken });
        if (!res.ok) return false;
        const types = ((await res.json()) as { steps: { type: string }[] }).steps.map((s) => s.type);
        return [
          'nl.jeugdzorg.waitlist.entered.v1',
          'nl.samenspel.bridging.offered.v1',
          'nl.samenspel.bridging.accepted.v1',
          'nl.samenspel.task.created.v1',
          'nl.samenspel.referral.created.v1',
          'nl.samenspel.placement.confirmed.v1',
        ].every((t) => types.includes(t));
      },
      { timeoutMs: 30000, intervalMs: 200, description: 'the whole flow in the console ledger' },
    );
    return { municipality, teamId, activityId, youthRef };
  }

  async function impactOf(municipality: string) {
    const res = await fetch(`${ops.baseUrl}/api/v1/impact?municipalityCode=${municipality}`, {
      headers: await authHeader('ops'),
    });
    expect(res.status).toBe(200);
    // The figures only: the time they are as of moves on with every record the console reads.
    const impact = (await res.json()) as { asOf: string; items: Record<string, unknown>[] };
    return impact.items;
  }

  async function seatsOf(activityId: string) {
    const res = await fetch(`${activity.baseUrl}/api/v1/activities/${activityId}`, {
      headers: await authHeader('admin'),
    });
    return ((await res.json()) as { capacity: { held: number; confirmed: number; available: number } })
      .capacity;
  }

  async function findings(youthRef: string): Promise<Finding[]> {
    return (await Promise.all(services.map((s) => scanDatabase(s.databaseName, youthRef)))).flat();
  }

  /** Waits until all five services confirmed on samenspel.privacy.v1, and the console says complete. */
  async function confirmedAndComplete(youthRef: string, requestId: string): Promise<ErasureView> {
    await waitFor(
      () => {
        const names = new Set(
          confirmations
            .of(youthRef, PRIVACY_EVENT_TYPES.erased)
            .map((r) => (r.event?.data as { service: string }).service),
        );
        return SERVICES.every((s) => names.has(s)) || undefined;
      },
      { timeoutMs: 30000, intervalMs: 100, description: 'five erased confirmations' },
    );
    const admin = await authHeader('admin');
    return waitFor(
      async () => {
        const res = await fetch(`${ops.baseUrl}/api/v1/erasures/${requestId}`, { headers: admin });
        const view = res.ok ? ((await res.json()) as ErasureView) : undefined;
        return view?.complete ? view : undefined;
      },
      { timeoutMs: 30000, intervalMs: 200, description: `erasure ${requestId} complete` },
    );
  }

  /** The erasure request as a youth-care intake system sends it, with a plain Kafka producer. */
  async function requestFromYouthCare(youthRef: string): Promise<string> {
    const id = anEventId();
    await kafka.produce(TOPICS.jeugdzorgPrivacy, [
      {
        key: youthRef,
        value: JSON.stringify({
          specversion: '1.0',
          id,
          source: 'urn:jeugdzorg:intake:regio-utrecht',
          type: PRIVACY_EVENT_TYPES.erasureRequested,
          time: new Date().toISOString(),
          datacontenttype: 'application/json',
          data: { youthRef, requestedAt: new Date().toISOString() },
        }),
        headers: { 'content-type': 'application/cloudevents+json' },
      },
    ]);
    return id;
  }

  async function noneLeft(youthRef: string): Promise<Finding[]> {
    return waitFor(
      async () => {
        const found = await findings(youthRef);
        return found.length === 0 ? found : undefined;
      },
      { timeoutMs: 20000, intervalMs: 250, description: 'no database holding the youthRef' },
    ).catch(async () => findings(youthRef));
  }

  it('erases the youngster from every database on the youth-care event, and keeps the impact figures', async () => {
    const flow = await aFullFlow();
    const impactBefore = await impactOf(flow.municipality);
    // One offer, accepted, and one handover were counted for this municipality.
    expect(impactBefore).toEqual([
      expect.objectContaining({
        municipalityCode: flow.municipality,
        tijdens: expect.objectContaining({ offers: 1, offersAccepted: 1 }) as unknown,
        na: expect.objectContaining({ handovers: 1 }) as unknown,
      }),
    ]);
    const seatsBefore = await seatsOf(flow.activityId);
    expect(seatsBefore).toMatchObject({ held: 0, confirmed: 1 });
    // The scan finds the youngster everywhere before: it would see a leftover.
    const before = await findings(flow.youthRef);
    expect(new Set(before.map((f) => f.database))).toEqual(new Set(services.map((s) => s.databaseName)));

    const requestId = await requestFromYouthCare(flow.youthRef);

    const view = await confirmedAndComplete(flow.youthRef, requestId);
    expect(view).toMatchObject({ origin: 'event', youthRef: null, waitingFor: [] });
    expect(view.confirmed.sort()).toEqual([...SERVICES].sort());

    // Each confirmation's outbox row goes once it came back from the broker: then nothing is left.
    expect(await noneLeft(flow.youthRef)).toEqual([]);

    expect(await impactOf(flow.municipality)).toEqual(impactBefore);
    // The confirmed seat stays taken: the youngster may still take part, only unknown to us.
    expect(await seatsOf(flow.activityId)).toEqual(seatsBefore);
    for (const s of services) {
      const erased = await queryDatabase<{ subject_ref: string | null }>(
        s.databaseName,
        `SELECT subject_ref FROM audit_record WHERE action = 'erase' AND resource_id = $1`,
        [requestId],
      );
      expect({ service: s.name, erased }).toEqual({ service: s.name, erased: [{ subject_ref: null }] });
    }
    // A repeated request erases nothing more, and every service confirms it again.
    const again = await requestFromYouthCare(flow.youthRef);
    expect(await confirmedAndComplete(flow.youthRef, again)).toMatchObject({
      complete: true,
      youthRef: null,
    });
    expect(await noneLeft(flow.youthRef)).toEqual([]);
    expect(await impactOf(flow.municipality)).toEqual(impactBefore);
    // Every service's sweeper ran its retention and re-erasure queries many times meanwhile, cleanly.
    for (const s of services)
      expect({ service: s.name, failed: s.process.logs.includes('sweep failed') }).toEqual({
        service: s.name,
        failed: false,
      });
  }, 180000);

  it('erases on an admin request through the console API, showing ops no youthRef', async () => {
    const flow = await aFullFlow();
    const url = `${ops.baseUrl}/api/v1/erasures`;
    const body = JSON.stringify({ youthRef: flow.youthRef, reason: 'avg-art-17-request' });
    const json = { 'content-type': 'application/json' };

    const byOps = await fetch(url, {
      method: 'POST',
      headers: { ...(await authHeader('ops')), ...json },
      body,
    });
    expect(byOps.status).toBe(403);
    const invalid = await fetch(url, {
      method: 'POST',
      headers: { ...(await authHeader('admin')), ...json },
      body: JSON.stringify({ youthRef: 'Jan de Vries', reason: 'free text is refused' }),
    });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toContain('application/problem+json');

    const res = await fetch(url, {
      method: 'POST',
      headers: { ...(await authHeader('admin')), ...json },
      body,
    });
    expect(res.status).toBe(202);
    const accepted = (await res.json()) as ErasureView;
    expect(accepted).toMatchObject({ origin: 'admin-api', youthRef: flow.youthRef, complete: false });

    const asOps = (await (
      await fetch(`${url}/${accepted.id}`, { headers: await authHeader('ops') })
    ).json()) as ErasureView;
    expect(asOps.youthRef).toBeNull();

    const view = await confirmedAndComplete(flow.youthRef, accepted.id);
    expect(view).toMatchObject({ origin: 'admin-api', youthRef: null, complete: true });
    const list = (await (await fetch(url, { headers: await authHeader('ops') })).json()) as {
      items: ErasureView[];
    };
    expect(list.items.find((i) => i.id === accepted.id)).toMatchObject({ complete: true, youthRef: null });

    // The console page's panel shows the request complete, to ops, without the youthRef.
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await openSignedIn(page, `${ops.baseUrl}/`, 'ops');
      await page.locator('main[data-loaded="overview"]').waitFor({ timeout: 30000 });
      await page.click('nav button[data-page="erasures"]');
      await page.locator('main[data-loaded="erasures"]').waitFor({ timeout: 30000 });
      const panel = (await page.textContent('#erasures')) ?? '';
      expect(panel).toContain('Verwijderverzoeken / Erasures');
      expect(panel).toContain(accepted.id);
      expect(panel).toMatch(new RegExp(`${accepted.id}admin-api.*complete`));
      expect(panel).not.toContain(flow.youthRef);
    } finally {
      await browser.close();
    }

    expect(await noneLeft(flow.youthRef)).toEqual([]);
  }, 180000);
});
