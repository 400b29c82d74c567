import { TOPICS } from '@samenspel/contracts';
import {
  authHeader,
  startService,
  TestKafka,
  TopicRecorder,
  waitFor,
  type ServiceUnderTest,
} from '@samenspel/testing';
import { aMunicipality, BridgingHarness } from '../../apps/waitlist-bridging/test/bridging-harness';

/**
 * The waiting-list flow across three real services on the real broker: activity (catalogue and
 * seats), waitlist-bridging (the offer) and notification (the team's task). On an idle system the
 * offer is on samenspel.bridging.v1, and the owning team has its task, within 5 s of `entered`.
 */
describe('a waiting youngster, from entered to the team task', () => {
  const kafka = new TestKafka();
  let activity: ServiceUnderTest;
  let bridging: ServiceUnderTest;
  let notification: ServiceUnderTest;
  let h: BridgingHarness;

  beforeAll(async () => {
    activity = await startService('activity');
    [bridging, notification] = await Promise.all([
      startService('waitlist-bridging', { env: { ACTIVITY_URL: activity.baseUrl } }),
      startService('notification'),
    ]);
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
});
