import { TOPICS } from '@samenspel/contracts';
import {
  authHeader,
  DEFAULT_DATABASE_URL,
  startService,
  TestKafka,
  TopicRecorder,
  waitFor,
  type ServiceUnderTest,
  type SyntheticEvent,
} from '@samenspel/testing';
import { Client } from 'pg';
import { aMunicipality, BridgingHarness } from '../../apps/waitlist-bridging/test/bridging-harness';

interface Task {
  id: string;
  youthRef: string;
  offerId?: string;
  teamId: string;
  status: string;
  outcome?: string;
  outcomeReason?: string;
  completedBy?: string;
  cancelReason?: string;
}

/**
 * The waiting-list flow across three real services on the real broker: activity (catalogue and
 * seats), waitlist-bridging (the offer) and notification (the team's task). On an idle system the
 * offer is on samenspel.bridging.v1, and the owning team has its task, within 5 s of `entered`; a
 * decline in the team's task list gives the freed seat to the next youngster within 5 s. The
 * workspace routes act on bridging and activity as the worker.
 */
describe('a waiting youngster, from entered to the team task', () => {
  const kafka = new TestKafka();
  let activity: ServiceUnderTest;
  let bridging: ServiceUnderTest;
  let notification: ServiceUnderTest;
  let h: BridgingHarness;

  beforeAll(async () => {
    activity = await startService('activity');
    bridging = await startService('waitlist-bridging', { env: { ACTIVITY_URL: activity.baseUrl } });
    // The workspace routes act on bridging and activity as the worker.
    notification = await startService('notification', {
      env: { BRIDGING_URL: bridging.baseUrl, ACTIVITY_URL: activity.baseUrl },
    });
    h = new BridgingHarness(activity, bridging, kafka, await TopicRecorder.start(TOPICS.bridging));
  });

  afterAll(async () => {
    await h?.outbound.stop();
    await Promise.all([notification, bridging, activity].map((s) => s?.dispose()));
    await kafka.close();
  });

  it('offers a group and gives the owning team its task within 5 seconds of the entered event', async () => {
    const municipality = aMunicipality();
    const teamId = await h.team(municipality);
    await h.activityFor(teamId, municipality, { title: 'Meidenclub', themes: ['girls-group', 'music'] });
    const entered = h.entered(municipality, { ageYears: 14, interests: ['music'] });
    const youthRef = entered.data.youthRef as string;

    const sentAt = Date.now();
    await h.send([entered]);
    const [offered] = await h.outboundEvent(youthRef, 'offered', 1, 5000);
    const offerSeconds = (Date.now() - sentAt) / 1000;
    const team = await authHeader('team-lead', { teamId });
    const task = await waitFor(
      async () => {
        const res = await fetch(`${notification.baseUrl}/api/v1/tasks?type=bridging-offer`, {
          headers: team,
        });
        const page = (await res.json()) as {
          items: { youthRef: string; offerId?: string; teamId: string; dueAt: string }[];
        };
        return page.items.find((t) => t.youthRef === youthRef);
      },
      { timeoutMs: 5000, intervalMs: 50, description: 'the bridging-offer task for the team' },
    );
    const taskSeconds = (Date.now() - sentAt) / 1000;

    expect(offered.event?.data).toMatchObject({ youthRef, teamId, activityTitle: 'Meidenclub', rank: 1 });
    expect(task).toMatchObject({ teamId, offerId: offered.event?.data?.offerId });
    expect(offerSeconds).toBeLessThan(5);
    expect(taskSeconds).toBeLessThan(5);
    process.stdout.write(
      `[e2e] offer after ${offerSeconds.toFixed(2)} s, team task after ${taskSeconds.toFixed(2)} s\n`,
    );
  });

  /** The team's bridging-offer task of the youngster, once notification has it. */
  const offerTaskOf = async (teamId: string, youthRef: string, match: (t: Task) => boolean = () => true) => {
    const lead = await authHeader('team-lead', { teamId });
    return waitFor(
      async () => {
        const res = await fetch(`${notification.baseUrl}/api/v1/tasks?type=bridging-offer&limit=200`, {
          headers: lead,
        });
        const task = ((await res.json()) as { items: Task[] }).items.find((t) => t.youthRef === youthRef);
        return task && match(task) ? task : undefined;
      },
      { timeoutMs: 10000, intervalMs: 50, description: `the bridging-offer task of ${youthRef}` },
    );
  };

  /** Whether notification has processed (and committed the effect of) the event. */
  const notificationProcessed = async (eventId: string): Promise<boolean> => {
    const url = new URL(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
    url.pathname = `/${notification.databaseName}`;
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT 1 FROM inbox_event WHERE event_id = $1`, [eventId]);
      return rows.length === 1;
    } finally {
      await client.end();
    }
  };

  it('gives the seat a worker declines in the task list to the next queued youngster within 5 seconds, overbooking nothing', async () => {
    const municipality = aMunicipality();
    const teamId = await h.team(municipality);
    const activityId = await h.activityFor(teamId, municipality, { title: 'Kookclub', capacity: 2 });
    const [first, second, third] = [1, 2, 3].map(() =>
      h.entered(municipality, { ageYears: 15, interests: ['music'] }),
    );
    const ref = (e: SyntheticEvent) => e.data.youthRef as string;
    await h.send([first, second]);
    await Promise.all([first, second].map((e) => h.outboundEvent(ref(e), 'offered', 1, 10000)));
    await h.send([third]);
    await h.outboundEvent(ref(third), 'queued', 1, 10000);
    const task = await offerTaskOf(teamId, ref(first));

    // Two workers decline the same task at once: one wins, the other hears how it ended.
    const workers = ['w-anna', 'w-bram'];
    const headers = await Promise.all(
      workers.map(async (sub) => ({
        ...(await authHeader('youth-worker', { teamId, sub })),
        'content-type': 'application/json',
      })),
    );
    const decline = (h: Record<string, string>) =>
      fetch(`${notification.baseUrl}/api/v1/tasks/${task.id}/complete`, {
        method: 'POST',
        headers: h,
        body: JSON.stringify({ outcome: 'declined', reason: 'no-interest' }),
      });
    const declinedAt = Date.now();
    const answers = await Promise.all(headers.map(decline));
    const [held] = await h.outboundEvent(ref(third), 'offered', 1, 5000);
    const holdSeconds = (Date.now() - declinedAt) / 1000;

    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = answers[0].status === 200 ? 0 : 1;
    const loser = answers[1 - winner];
    expect(loser.headers.get('content-type')).toContain('application/problem+json');
    expect(await loser.json()).toMatchObject({
      type: 'https://samenspel.nl/problems/task-not-completable',
      status: 409,
      taskStatus: 'done',
      outcome: 'declined',
    });
    expect(held.event?.data).toMatchObject({ activityId, teamId, rank: 1 });
    expect(holdSeconds).toBeLessThan(5);

    // A repeated click is a no-op.
    const again = await decline(headers[winner]);
    expect(again.status).toBe(200);

    // The offer is declined with the worker's reason; its bridging.declined leaves the task done.
    const [declined] = await h.outboundEvent(ref(first), 'declined', 1);
    expect(declined.event?.data).toMatchObject({ offerId: task.offerId, reason: 'no-interest' });
    await waitFor(() => notificationProcessed(declined.event!.id as string), {
      timeoutMs: 10000,
      intervalMs: 50,
      description: 'bridging.declined processed by notification',
    });
    expect(await offerTaskOf(teamId, ref(first))).toMatchObject({
      status: 'done',
      outcome: 'declined',
      outcomeReason: 'no-interest',
      completedBy: workers[winner],
    });
    expect(h.outbound.of(ref(first), 'nl.samenspel.bridging.declined.v1')).toHaveLength(1);

    // Two seats, three youngsters: the seat went from the first to the third, never to both.
    const capacity = await (
      await fetch(`${activity.baseUrl}/api/v1/activities/${activityId}`, {
        headers: await authHeader('admin'),
      })
    ).json();
    expect(capacity).toMatchObject({ capacity: { capacity: 2, held: 2, confirmed: 0, available: 0 } });

    // A decline through the bridging API still cancels the task with offer-declined.
    const secondTask = await offerTaskOf(teamId, ref(second));
    expect((await h.decide(secondTask.offerId!, teamId, 'decline', 'not-suitable')).status).toBe(200);
    expect(await offerTaskOf(teamId, ref(second), (t) => t.status !== 'open')).toMatchObject({
      status: 'cancelled',
      cancelReason: 'offer-declined',
    });
    process.stdout.write(`[e2e] decline to the next youngster's hold: ${holdSeconds.toFixed(2)} s\n`);
  });

  it('shows a team-lead the open work per worker, the live seats of the team’s activities and how many youngsters are queued', async () => {
    const municipality = aMunicipality();
    const teamId = await h.team(municipality);
    const activityId = await h.activityFor(teamId, municipality, { title: 'Skatepark', capacity: 1 });
    const [offered, queued] = [1, 2].map(() =>
      h.entered(municipality, { ageYears: 14, interests: ['music'] }),
    );
    const ref = (e: SyntheticEvent) => e.data.youthRef as string;
    await h.send([offered]);
    await h.outboundEvent(ref(offered), 'offered', 1, 10000);
    await h.send([queued]);
    await h.outboundEvent(ref(queued), 'queued', 1, 10000);
    await offerTaskOf(teamId, ref(offered));

    const overviewAs = async (role: 'team-lead' | 'youth-worker', team = teamId) =>
      fetch(`${notification.baseUrl}/api/v1/workspace/team`, {
        headers: await authHeader(role, { teamId: team }),
      });
    const answer = await overviewAs('team-lead');
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({
      teamId,
      workers: [{ worker: null, open: 1, overdue: 0 }],
      activities: [
        {
          activityId,
          title: 'Skatepark',
          status: 'open',
          capacity: expect.objectContaining({ capacity: 1, held: 1, confirmed: 0, available: 0 }),
        },
      ],
      queue: { queued: 1, municipalities: [{ municipalityCode: municipality, queued: 1 }] },
      unavailable: [],
    });
    expect((await overviewAs('youth-worker')).status).toBe(403);
    // The lead pauses the activity from the workspace, as the lead in the activity service.
    const pause = (team: string) =>
      authHeader('team-lead', { teamId: team }).then((headers) =>
        fetch(`${notification.baseUrl}/api/v1/workspace/activities/${activityId}/pause`, {
          method: 'POST',
          headers,
        }),
      );
    const paused = await pause(teamId);
    expect(paused.status).toBe(200);
    expect(await paused.json()).toMatchObject({ id: activityId, status: 'paused' });
    // Another team's lead counts only where their own team works.
    const other = (await (await overviewAs('team-lead', await h.team(aMunicipality()))).json()) as {
      teamId: string;
    };
    expect(other).toMatchObject({ workers: [], activities: [], queue: { queued: 0, municipalities: [] } });
    const refused = await pause(other.teamId);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(await refused.json()).toMatchObject({ status: 403, owner: 'activity' });
  });

  it('accepts an offer from the workspace, which confirms the seat and completes the task, and records attendance', async () => {
    const municipality = aMunicipality();
    const teamId = await h.team(municipality);
    const activityId = await h.activityFor(teamId, municipality, { title: 'Voetbal', capacity: 1 });
    const entered = h.entered(municipality, { ageYears: 13, interests: ['music'] });
    const youthRef = entered.data.youthRef as string;
    await h.send([entered]);
    const task = await offerTaskOf(teamId, youthRef);
    const worker = {
      ...(await authHeader('youth-worker', { teamId, sub: 'w-chris' })),
      'content-type': 'application/json',
    };
    const post = (path: string, body: unknown = {}, headers = worker) =>
      fetch(`${notification.baseUrl}/api/v1/workspace${path}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
      });

    // What the worker sees before phoning: the youngster's profile fields, the activity with live
    // seats, why it was matched, until when the seat is held, and the flow so far.
    const detail = await fetch(`${notification.baseUrl}/api/v1/workspace/tasks/${task.id}`, {
      headers: worker,
    });
    expect(detail.status).toBe(200);
    const shown = await detail.json();
    expect(shown).toMatchObject({
      youngster: {
        ageYears: 13,
        postcode4: '3581',
        municipalityCode: municipality,
        interests: ['music'],
        consentGivenBy: (entered.data.consent as { givenBy: string }).givenBy,
      },
      reasons: [
        { code: 'shared-interests', nl: 'Gedeelde interesses: music' },
        { code: 'same-postcode-area' },
        { code: 'age-fits', nl: 'Leeftijd 13 past bij 10–20 jaar' },
      ],
      timeline: [
        { event: 'entered', at: expect.any(String) },
        { event: 'offered', rank: 1, at: expect.any(String) },
      ],
    });
    expect(shown).toMatchObject({
      task: { id: task.id, status: 'open' },
      youthRef,
      municipalityCode: municipality,
      activity: {
        title: 'Voetbal',
        contactRole: 'jongerenwerker',
        capacity: { capacity: 1, held: 1, confirmed: 0, available: 0 },
      },
      offer: { status: 'open', rank: 1, expiresAt: expect.any(String) },
      unavailable: [],
    });

    const accepted = await post(`/tasks/${task.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toEqual({
      taskId: task.id,
      youthRef,
      offerId: task.offerId,
      status: 'accepted',
    });
    // A repeated click, before or after the event completed the task, changes nothing.
    expect((await post(`/tasks/${task.id}/accept`)).status).toBe(200);
    expect(await offerTaskOf(teamId, youthRef, (t) => t.status === 'done')).toMatchObject({
      outcome: 'accepted',
    });
    expect((await post(`/tasks/${task.id}/accept`)).status).toBe(200);
    const [placement] = (await h.placement(`activityId=${activityId}`)).items;
    expect(placement).toMatchObject({ status: 'confirmed', reference: task.offerId });
    expect(h.outbound.of(youthRef, 'nl.samenspel.bridging.accepted.v1')).toHaveLength(1);

    for (const sessionDate of ['2026-01-07', '2026-01-14']) {
      const recorded = await post(`/placements/${placement.id}/attendance`, {
        sessionDate,
        status: 'present',
      });
      expect(recorded.status).toBe(201);
      expect(await recorded.json()).toMatchObject({
        placementId: placement.id,
        sessionDate,
        status: 'present',
      });
    }

    // The owner's refusals come back as its problem, naming the owner and echoing nothing sent.
    const otherTeam = {
      ...(await authHeader('youth-worker', { teamId: 'another-team', sub: 'w-dana' })),
      'content-type': 'application/json',
    };
    const refused = await post(
      `/placements/${placement.id}/attendance`,
      { sessionDate: '2026-01-21', status: 'present' },
      otherTeam,
    );
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await refused.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({ status: 403, owner: 'activity' });
    expect(JSON.stringify(problem)).not.toContain('2026-01-21');
    const notAnOffer = await post(`/tasks/${task.id}/decline`, { reason: 'because' });
    expect(notAnOffer.status).toBe(400);
    expect(await notAnOffer.text()).not.toContain('because');
  });
});
