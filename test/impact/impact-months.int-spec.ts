import { randomInt, randomUUID } from 'node:crypto';
import { BRIDGING_EVENT_TYPES, REFERRAL_EVENT_TYPES, TOPICS } from '@samenspel/contracts';
import {
  authHeader,
  aYouthRef,
  enteredEvent,
  exitedEvent,
  freePort,
  startService,
  TestClock,
  TestKafka,
  TopicRecorder,
  toRecord,
  trajectoryEndedEvent,
  waitFor,
  type ServiceUnderTest,
  type SyntheticEvent,
} from '@samenspel/testing';
import { BridgingHarness, INTAKE } from '../../apps/waitlist-bridging/test/bridging-harness';

/**
 * Three Dutch months of flows in two municipalities, run in a minute: the services' clock is set
 * to each month in turn (CLOCK_FILE), the intake system's events go through the real broker with a
 * plain producer, and the services stamp their offers, acceptances, placements, endings and
 * referrals with the time the clock says. The impact figures must equal what the table below
 * gives by hand, suppressed by the published rules.
 */

/** What happens to one municipality in one month: how many enter, accept, leave and are handed over. */
interface MonthPlan {
  /** Enter the waiting list with consent (see `enteredOn`); offered on the 5th. */
  entered: number;
  /** Of those, how many accept their offer on the 5th. */
  accepted: number;
  /** Of the accepted, how many leave on the 19th, two weeks later, because care is no longer needed. */
  careNoLongerNeeded: number;
  /** Of the accepted after those, how many leave on the 19th because care started (the placement goes on). */
  careStarted: number;
  /** Of the accepted, how many are absent at their first session on the 12th (the others are present). */
  absent: number;
  /** Youth work refers this many to care on the 8th (toeleiding); care accepts the first `toCareAccepted` on the 12th. */
  toCare: number;
  toCareAccepted: number;
  /** Care refers this many waiting youngsters to youth work on the 8th (parallel referrals). */
  parallel: number;
  /**
   * Care hands this many over on the 12th; youth work reaches the first `reached` that day, at the
   * follow-up plan's first-contact step.
   */
  handovers: number;
  reached: number;
  /** Of the reached, how many the check-in two weeks later (the 26th) finds engaged in an activity. */
  engaged: number;
}

// A: built so that hidden months could be worked out from the quarter but for complementary cells.
// B: most counts large enough to show; one month with none.
// Every placement of January and February has a present session on the 12th of the next month,
// four weeks or more after it started.
const none = { absent: 0, toCare: 0, toCareAccepted: 0, parallel: 0, handovers: 0, reached: 0, engaged: 0 };
const PLAN: Record<'a' | 'b', MonthPlan[]> = {
  a: [
    {
      ...none,
      ...{ entered: 6, accepted: 6, careNoLongerNeeded: 5, careStarted: 1 },
      ...{ toCare: 2, toCareAccepted: 2, handovers: 3, reached: 3, engaged: 3 },
    },
    { ...none, entered: 2, accepted: 2, careNoLongerNeeded: 2, careStarted: 0 },
    {
      ...none,
      ...{ entered: 8, accepted: 7, careNoLongerNeeded: 4, careStarted: 3, absent: 2 },
      ...{ toCare: 6, toCareAccepted: 5 },
    },
  ],
  b: [
    {
      ...none,
      ...{ entered: 5, accepted: 5, careNoLongerNeeded: 5, careStarted: 0 },
      ...{ toCare: 5, toCareAccepted: 5 },
    },
    {
      ...none,
      ...{ entered: 7, accepted: 6, careNoLongerNeeded: 4, careStarted: 2 },
      ...{ toCare: 6, toCareAccepted: 6, parallel: 3, handovers: 6, reached: 5, engaged: 5 },
    },
    { ...none, entered: 5, accepted: 5, careNoLongerNeeded: 0, careStarted: 0 },
  ],
};
const MIN_CELL = 5;

/**
 * When a month's youngsters enter the list: on the 2nd, except March's, at 23:30 UTC on the last
 * day of February, which is 00:30 on 1 March in Amsterdam and so a March entry.
 */
function enteredOn(month: string, index: number): Date {
  return index === 2
    ? new Date(Date.parse(`${month}-01T00:00:00Z`) - 30 * 60000)
    : new Date(`${month}-02T10:00:00Z`);
}

/** Days from entering to the offer on the 5th at 10:00 UTC: 3, or 4 days and 10.5 hours for March. */
const DAYS_TO_OFFER = [3, 3, 4.4375];

/** The median of the first offers' days in the months `indexes`, in days with one decimal. */
function medianDaysToOffer(plan: MonthPlan[], indexes: number[]): number {
  const days = indexes
    .flatMap((i) => Array<number>(plan[i].entered).fill(DAYS_TO_OFFER[i]))
    .sort((x, y) => x - y);
  const middle = (days[Math.floor((days.length - 1) / 2)] + days[Math.floor(days.length / 2)]) / 2;
  return Math.round(middle * 10) / 10;
}

/** The monthly counts each measure gets from a municipality's plan. */
function countsOf(plan: MonthPlan[]): Record<string, number[]> {
  const per = (f: (m: MonthPlan) => number) => plan.map(f);
  const exits = per((m) => m.careNoLongerNeeded + m.careStarted);
  // A month's sessions: its own placements' first, and the previous month's placements' next one.
  const previous = (i: number) => (i > 0 ? plan[i - 1].accepted : 0);
  return {
    referralsToCare: per((m) => m.toCare),
    referralsToCareAccepted: per((m) => m.toCareAccepted),
    enteredWithConsent: per((m) => m.entered),
    offers: per((m) => m.entered),
    offersAccepted: per((m) => m.accepted),
    placementsStarted: per((m) => m.accepted),
    attendanceSessions: plan.map((m, i) => m.accepted + previous(i)),
    attendancePresent: plan.map((m, i) => m.accepted - m.absent + previous(i)),
    // In the month the placement started: January's and February's have their session a month on.
    participating4w: plan.map((m, i) => (i < plan.length - 1 ? m.accepted : 0)),
    bridgedExits: exits,
    careNoLongerNeeded: per((m) => m.careNoLongerNeeded),
    careStartedWhileAttending: per((m) => m.careStarted),
    weeksBridged: exits,
    parallelReferrals: per((m) => m.parallel),
    // A parallel referral is a handover too.
    handovers: per((m) => m.handovers + m.parallel),
    firstContact: per((m) => m.reached),
    engaged: per((m) => m.engaged),
    // Both steps are done the day they come up: on time.
    firstContactSteps: per((m) => m.reached),
    checkIn2wSteps: per((m) => m.engaged),
  };
}

/**
 * A measure's three months and their quarter as published: a count under 5 is hidden; when exactly
 * one of the months and the quarter is hidden, the smallest shown month is hidden too, and again
 * until no such group is left. The other quarters of the year are empty (hidden), so the year
 * shows what the quarter shows.
 */
function published(months: number[]): { months: (number | null)[]; quarter: number | null } {
  const quarter = months.reduce((a, b) => a + b, 0);
  const hidden = new Set([0, 1, 2, 3].filter((i) => [...months, quarter][i] < MIN_CELL));
  while (hidden.size === 1) {
    const shownMonths = [0, 1, 2].filter((i) => !hidden.has(i));
    hidden.add(shownMonths.length ? shownMonths.reduce((a, b) => (months[b] < months[a] ? b : a)) : 3);
  }
  return {
    months: months.map((n, i) => (hidden.has(i) ? null : n)),
    quarter: hidden.has(3) ? null : quarter,
  };
}

const share = (n: number | null, d: number | null) =>
  n === null || d === null || d === 0 ? null : Math.round((n / d) * 1000) / 1000;

interface ImpactRow {
  municipalityCode: string;
  period: string;
  voor: Record<string, unknown>;
  tijdens: Record<string, unknown> & {
    weeksBridged: { count: number | null; median: number | null; bands: Record<string, number | null> };
    participation: { placementsStarted: number | null };
  };
  na: Record<string, unknown>;
}
interface Impact {
  asOf: string;
  items: ImpactRow[];
}

describe('impact of synthetic months, with the services clock moved month by month', () => {
  const kafka = new TestKafka();
  // The months are next year's first quarter: later than now, so no hold or offer runs out on the
  // database's own clock while the services' clock stands in those months.
  const year = new Date().getUTCFullYear() + 1;
  const months = ['01', '02', '03'].map((m) => `${year}-${m}`);
  // 10:00 UTC is 11:00 in Amsterdam: well inside each day and month.
  const at = (month: string, day: number) => new Date(`${month}-${String(day).padStart(2, '0')}T10:00:00Z`);
  const clock = new TestClock(at(months[0], 5));
  // Codes of their own (GM7xxx), apart from those other tests draw, so no other flow lands in these cells.
  const first = randomInt(999);
  const codes = { a: `GM7${String(first).padStart(3, '0')}`, b: `GM7${String(first + 1).padStart(3, '0')}` };
  const sent: string[] = [];
  let activity: ServiceUnderTest;
  let bridging: ServiceUnderTest;
  let referral: ServiceUnderTest;
  let notification: ServiceUnderTest;
  let ops: ServiceUnderTest;
  let h: BridgingHarness;
  let teams: Record<'a' | 'b', string>;
  let startedAt: number;
  const running: ServiceUnderTest[] = [];

  beforeAll(async () => {
    startedAt = Date.now();
    const activityPort = await freePort();
    const activityUrl = `http://127.0.0.1:${activityPort}`;
    const bridgingPort = await freePort();
    // Two at a time, so that a busy machine starts each within its minute; every one started is
    // stopped after the suite, also when another failed to start.
    const started = async <T extends ServiceUnderTest[]>(starts: Promise<ServiceUnderTest>[]) => {
      const settled = await Promise.allSettled(starts);
      for (const s of settled) if (s.status === 'fulfilled') running.push(s.value);
      const failed = settled.find((s) => s.status === 'rejected');
      if (failed) throw failed.reason;
      return settled.map((s) => (s as PromiseFulfilledResult<ServiceUnderTest>).value) as T;
    };
    [activity, bridging] = await started([
      startService('activity', { port: activityPort, env: clock.env }),
      startService('waitlist-bridging', {
        port: bridgingPort,
        env: { ...clock.env, ACTIVITY_URL: activityUrl },
      }),
    ]);
    [referral, notification] = await started([
      startService('referral', { env: clock.env }),
      // The follow-up plan's steps come up on the scheduler's next tick after the clock passes them.
      startService('notification', {
        env: {
          ...clock.env,
          SCHEDULER_TICK_MS: '200',
          ACTIVITY_URL: activityUrl,
          BRIDGING_URL: `http://127.0.0.1:${bridgingPort}`,
        },
      }),
    ]);
    [ops] = await started([startService('ops-console', { env: clock.env })]);
    h = new BridgingHarness(activity, bridging, kafka, await TopicRecorder.start(TOPICS.bridging));
    teams = { a: await h.team(codes.a), b: await h.team(codes.b) };
    for (const k of ['a', 'b'] as const) {
      await h.activityFor(teams[k], codes[k], { title: `Muziekstudio ${k}`, capacity: 40 });
    }
  }, 200000);

  afterAll(async () => {
    await h?.outbound.stop();
    await Promise.all(running.map((s) => s.dispose()));
    await kafka.close();
    clock.dispose();
  });

  /** An intake system's event, dated `when` (its time and the moment it names). */
  const dated = (event: SyntheticEvent, when: Date): SyntheticEvent => ({
    ...event,
    time: when.toISOString(),
  });
  const produce = (topic: string, events: SyntheticEvent[]) =>
    kafka.produce(
      topic,
      events.map((e) => toRecord(e, 'structured')),
    );
  /**
   * The youngster's bridging event of this test's bridging service, once on the broker. Other
   * bridging services on the shared broker read the same waiting list and may answer about the
   * same youngster (a no-match, an ending without a placement): `ours` tells this one's apart.
   */
  const bridgingEvent = (youthRef: string, type: string, ours: (d: Record<string, unknown>) => boolean) =>
    waitFor(
      () =>
        h.outbound
          .of(youthRef, `nl.samenspel.bridging.${type}.v1`)
          .map((r) => r.event?.data ?? {})
          .find(ours),
      { timeoutMs: 30000, intervalMs: 50, description: `${type} of ${youthRef}` },
    );

  /** The referral of a youngster, once the referral service has it with its receiving team. */
  const referralOf = (youthRef: string) =>
    waitFor(
      async () => {
        const res = await fetch(`${referral.baseUrl}/api/v1/referrals?youthRef=${youthRef}`, {
          headers: await authHeader('admin'),
        });
        const [found] = ((await res.json()) as { items: { id: string; receivingTeamId?: string }[] }).items;
        return found?.receivingTeamId ? found : undefined;
      },
      { timeoutMs: 30000, intervalMs: 200, description: `the handover referral of ${youthRef}` },
    );

  const referralBody = (
    municipalityCode: string,
    o: { direction: string; phase: string; reason: string },
  ) => {
    const youthRef = aYouthRef();
    sent.push(youthRef);
    return {
      ...o,
      youthRef,
      ageYears: 16,
      postcode4: '3581',
      municipalityCode,
      themes: ['music'],
      consent: { youthWork: true, givenBy: 'youth', givenAt: new Date(Date.now() - 86400000).toISOString() },
    };
  };

  const createReferral = async (body: object, who: Record<string, string>): Promise<string> => {
    const res = await fetch(`${referral.baseUrl}/api/v1/referrals`, {
      method: 'POST',
      headers: { ...who, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`referral: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  };

  const referralIn = (referralId: string, status: string) =>
    waitFor(
      async () => {
        const res = await fetch(`${referral.baseUrl}/api/v1/referrals/${referralId}`, {
          headers: await authHeader('admin'),
        });
        return ((await res.json()) as { status: string }).status === status;
      },
      { timeoutMs: 30000, intervalMs: 100, description: `referral ${referralId} ${status}` },
    );

  const attend = async (placementId: string, teamId: string, sessionDate: string, status: string) => {
    const res = await fetch(`${activity.baseUrl}/api/v1/placements/${placementId}/attendance`, {
      method: 'POST',
      headers: { ...(await authHeader('youth-worker', { teamId })), 'content-type': 'application/json' },
      body: JSON.stringify({ sessionDate, status }),
    });
    if (res.status !== 201) throw new Error(`attendance: ${res.status} ${await res.text()}`);
  };
  let lastMonthsPlacements: { placementId: string; teamId: string }[] = [];

  /** Once the console has recorded an event of the type about the youngster. */
  const consoleSaw = (youthRef: string, type: string) =>
    waitFor(
      async () => {
        const res = await fetch(`${ops.baseUrl}/api/v1/flows/${youthRef}`, {
          headers: await authHeader('ops', { sub: 'ops-impact-months' }),
        });
        return (
          res.ok &&
          ((await res.json()) as { steps: { type: string | null }[] }).steps.some((e) => e.type === type)
        );
      },
      { timeoutMs: 30000, intervalMs: 100, description: `${type} of ${youthRef} in the console` },
    );

  /** A worker of the team completes the youngster's follow-up step once the scheduler has made it a task. */
  const completeStep = async (teamId: string, youthRef: string, step: string, outcome: string) => {
    const lead = await authHeader('team-lead', { teamId });
    const task = await waitFor(
      async () => {
        const res = await fetch(`${notification.baseUrl}/api/v1/tasks?type=follow-up&limit=200`, {
          headers: lead,
        });
        const { items } = (await res.json()) as { items: { id: string; youthRef: string; step?: string }[] };
        return items.find((t) => t.youthRef === youthRef && t.step === step);
      },
      { timeoutMs: 30000, intervalMs: 100, description: `the ${step} step of ${youthRef}` },
    );
    const res = await fetch(`${notification.baseUrl}/api/v1/tasks/${task.id}/complete`, {
      method: 'POST',
      headers: { ...(await authHeader('youth-worker', { teamId })), 'content-type': 'application/json' },
      body: JSON.stringify({ outcome }),
    });
    if (res.status !== 200) throw new Error(`complete ${step}: ${res.status} ${await res.text()}`);
  };

  /** One month of the plan, for both municipalities, with the clock at each of its moments. */
  async function runMonth(index: number): Promise<void> {
    const month = months[index];
    const youngsters = (['a', 'b'] as const).flatMap((k) =>
      Array.from({ length: PLAN[k][index].entered }, (_, i) => {
        const event = enteredEvent(INTAKE, {
          municipalityCode: codes[k],
          postcode4: '3581',
          ageYears: 15,
          interests: ['music'],
          expectedWaitWeeks: 20,
          enteredAt: enteredOn(month, index).toISOString(),
        });
        sent.push(event.data.youthRef as string);
        return {
          k,
          i,
          event: dated(event, enteredOn(month, index)),
          youthRef: event.data.youthRef as string,
        };
      }),
    );
    // The 5th: the month's entries arrive and are offered a seat; the first `accepted` accept.
    clock.set(at(month, 5));
    await produce(
      TOPICS.waitlist,
      youngsters.map((y) => y.event),
    );
    const offers = await Promise.all(
      youngsters.map((y) => bridgingEvent(y.youthRef, 'offered', (d) => d.teamId === teams[y.k])),
    );
    // Placement events name no municipality: the console places them by the youngster's earlier events.
    await Promise.all(youngsters.map((y) => consoleSaw(y.youthRef, BRIDGING_EVENT_TYPES.offered)));
    const accepting = youngsters.filter((y) => y.i < PLAN[y.k][index].accepted);
    for (const y of accepting) {
      const offer = offers[youngsters.indexOf(y)];
      const res = await h.decide(offer.offerId as string, teams[y.k], 'accept');
      if (res.status !== 200) throw new Error(`accept: ${res.status} ${await res.text()}`);
    }
    const placements = await Promise.all(
      accepting.map((y) => bridgingEvent(y.youthRef, 'accepted', (d) => d.teamId === teams[y.k])),
    );

    // The 8th: youth work refers youngsters to care, and care refers waiting ones to youth work.
    clock.set(at(month, 8));
    const toCare: { k: 'a' | 'b'; i: number; id: string; youthRef: string }[] = [];
    for (const k of ['a', 'b'] as const) {
      for (let i = 0; i < PLAN[k][index].toCare; i++) {
        const body = referralBody(codes[k], {
          direction: 'youth-work-to-care',
          phase: 'before',
          reason: 'toeleiding',
        });
        const id = await createReferral(body, await authHeader('youth-worker', { teamId: teams[k] }));
        toCare.push({ k, i, id, youthRef: body.youthRef });
      }
      for (let i = 0; i < PLAN[k][index].parallel; i++) {
        const body = referralBody(codes[k], {
          direction: 'care-to-youth-work',
          phase: 'during',
          reason: 'leisure',
        });
        await createReferral(body, await authHeader('intake-system', { org: INTAKE }));
      }
    }

    // The 12th: care accepts toeleidingen; the month's placements have their first session, the
    // previous month's their next; care hands youngsters over and youth work reaches some that day.
    clock.set(at(month, 12));
    const answered = toCare.filter((r) => r.i < PLAN[r.k][index].toCareAccepted);
    await produce(
      TOPICS.jeugdzorgReferral,
      answered.map((r) => ({
        specversion: '1.0' as const,
        id: randomUUID(),
        source: INTAKE,
        type: REFERRAL_EVENT_TYPES.careReferralAccepted,
        time: at(month, 12).toISOString(),
        datacontenttype: 'application/json' as const,
        data: { referralId: r.id, youthRef: r.youthRef, reason: 'intake-planned' },
      })),
    );
    for (const r of answered) await referralIn(r.id, 'accepted');
    const sessionDate = at(month, 12).toISOString().slice(0, 10);
    for (const [n, y] of accepting.entries()) {
      const absent = y.i >= PLAN[y.k][index].accepted - PLAN[y.k][index].absent;
      await attend(
        placements[n].placementId as string,
        teams[y.k],
        sessionDate,
        absent ? 'absent' : 'present',
      );
    }
    for (const p of lastMonthsPlacements) await attend(p.placementId, p.teamId, sessionDate, 'present');
    lastMonthsPlacements = accepting.map((y, n) => ({
      placementId: placements[n].placementId as string,
      teamId: teams[y.k],
    }));
    const handedOver = (['a', 'b'] as const).flatMap((k) =>
      Array.from({ length: PLAN[k][index].handovers }, (_, i) => {
        const event = trajectoryEndedEvent(INTAKE, aYouthRef(), 17, codes[k], '3581');
        event.data.followUpWanted = true;
        event.data.endedAt = at(month, 12).toISOString();
        sent.push(event.data.youthRef as string);
        return { k, i, youthRef: event.data.youthRef as string, event: dated(event, at(month, 12)) };
      }),
    );
    if (handedOver.length)
      await produce(
        TOPICS.trajectory,
        handedOver.map((y) => y.event),
      );
    const reached: { k: 'a' | 'b'; i: number; id: string; youthRef: string; teamId: string }[] = [];
    for (const y of handedOver) {
      const found = await referralOf(y.youthRef);
      if (y.i >= PLAN[y.k][index].reached) continue;
      // A task event names no municipality: the console places it by the handover it saw before.
      await consoleSaw(y.youthRef, REFERRAL_EVENT_TYPES.created);
      // First contact: the step's outcome moves the referral on (in-progress) in the referral service.
      await completeStep(found.receivingTeamId!, y.youthRef, 'first-contact', 'reached');
      await referralIn(found.id, 'in-progress');
      reached.push({ k: y.k, i: y.i, id: found.id, youthRef: y.youthRef, teamId: found.receivingTeamId! });
    }

    // The 19th, two weeks after accepting: some leave the list, care no longer needed or care started.
    clock.set(at(month, 19));
    const leaving = accepting.flatMap((y) => {
      const p = PLAN[y.k][index];
      const reason =
        y.i < p.careNoLongerNeeded
          ? 'care-no-longer-needed'
          : y.i < p.careNoLongerNeeded + p.careStarted
            ? 'care-started'
            : undefined;
      return reason ? [{ ...y, reason }] : [];
    });
    await produce(
      TOPICS.waitlist,
      leaving.map((y) =>
        dated(
          exitedEvent(INTAKE, {
            waitlistEntryId: y.event.data.waitlistEntryId as string,
            youthRef: y.youthRef,
            reason: y.reason as 'care-no-longer-needed' | 'care-started',
            exitedAt: at(month, 19).toISOString(),
          }),
          at(month, 19),
        ),
      ),
    );
    await Promise.all(
      leaving.map((y) => bridgingEvent(y.youthRef, 'ended', (d) => typeof d.weeksBridged === 'number')),
    );

    // The 26th, two weeks after the handover: the check-in comes up; its outcome ends the referral.
    clock.set(new Date(at(month, 26).getTime() + 3600000));
    for (const r of reached.filter((r) => r.i < PLAN[r.k][index].engaged)) {
      await completeStep(r.teamId, r.youthRef, 'check-in-2w', 'engaged-in-activity');
      await referralIn(r.id, 'completed');
    }
  }

  it('reports per month, quarter and year what the table gives by hand, with every suppression rule at work', async () => {
    const runStartedAt = Date.now();
    for (let m = 0; m < months.length; m++) await runMonth(m);
    const asOps = await authHeader('ops', { sub: 'ops-impact-months' });
    const figures = async (query: string) => {
      const res = await fetch(`${ops.baseUrl}/api/v1/impact?${query}`, { headers: asOps });
      if (!res.ok) throw new Error(`impact: ${res.status} ${await res.text()}`);
      return (await res.json()) as Impact;
    };
    /** Every row of both municipalities as the table gives it; throws the first difference. */
    const expectFiguresAsPlanned = async () => {
      for (const k of ['a', 'b'] as const) {
        const c = countsOf(PLAN[k]);
        const shown = Object.fromEntries(Object.entries(c).map(([measure, ns]) => [measure, published(ns)]));
        const rows = new Map(
          (await figures(`municipalityCode=${codes[k]}`)).items.map((r) => [r.period, r] as const),
        );
        const [quarter] = (await figures(`municipalityCode=${codes[k]}&period=${year}-Q1`)).items;
        const [wholeYear] = (await figures(`municipalityCode=${codes[k]}&period=${year}`)).items;
        type Period = [
          string,
          ImpactRow | undefined,
          (s: ReturnType<typeof published>) => number | null,
          number[],
        ];
        const periods: Period[] = [
          ...months.map((month, i): Period => [month, rows.get(month), (s) => s.months[i], [i]]),
          [`${year}-Q1`, quarter, (s) => s.quarter, [0, 1, 2]],
          [`${year}`, wholeYear, (s) => s.quarter, [0, 1, 2]],
        ];
        for (const [period, row, pick, indexes] of periods) {
          const n = (measure: string) => pick(shown[measure]);
          const exits = n('weeksBridged');
          // Every bridging lasted two weeks (accepted on the 5th, left on the 19th): band 0-3, median 2.
          const expected = {
            municipalityCode: codes[k],
            period,
            // Referred on the 8th, accepted on the 12th: four days each.
            voor: {
              referralsToCare: n('referralsToCare'),
              referralsToCareAccepted: n('referralsToCareAccepted'),
              medianDaysToAcceptance: n('referralsToCareAccepted') === null ? null : 4,
            },
            tijdens: {
              enteredWithConsent: n('enteredWithConsent'),
              offeredYoungsters: n('offers'),
              firstOffers: n('offers'),
              medianDaysToFirstOffer: n('offers') === null ? null : medianDaysToOffer(PLAN[k], indexes),
              offers: n('offers'),
              offersAccepted: n('offersAccepted'),
              acceptedShare: share(n('offersAccepted'), n('offers')),
              bridgedExits: n('bridgedExits'),
              careNoLongerNeeded: n('careNoLongerNeeded'),
              careNoLongerNeededShare: share(n('careNoLongerNeeded'), n('bridgedExits')),
              weeksBridged: {
                count: exits,
                median: exits === null ? null : 2,
                bands: { '0-3': exits, '4-7': null, '8-11': null, '12+': null },
              },
              attendanceSessions: n('attendanceSessions'),
              attendancePresent: n('attendancePresent'),
              attendanceShare: share(n('attendancePresent'), n('attendanceSessions')),
              careStartedWhileAttending: n('careStartedWhileAttending'),
              parallelReferrals: n('parallelReferrals'),
              participation: {
                placementsStarted: n('placementsStarted'),
                weeks: { 4: { participating: n('participating4w') } },
              },
            },
            na: {
              handovers: n('handovers'),
              firstContactWithin5WorkingDays: n('firstContact'),
              firstContactShare: share(n('firstContact'), n('handovers')),
              outcomes: {
                'engaged-in-activity': n('engaged'),
                'internship-or-work-found': null,
                'help-found': null,
                unreachable: null,
              },
              followUps: {
                'first-contact': {
                  done: n('firstContactSteps'),
                  onTime: n('firstContactSteps'),
                  onTimeShare: share(n('firstContactSteps'), n('firstContactSteps')),
                },
                'check-in-2w': {
                  done: n('checkIn2wSteps'),
                  onTime: n('checkIn2wSteps'),
                  onTimeShare: share(n('checkIn2wSteps'), n('checkIn2wSteps')),
                },
                'check-in-3m': { done: null, onTime: null, onTimeShare: null },
              },
            },
          };
          expect(row ?? { municipalityCode: codes[k], period }).toMatchObject(expected);
        }
      }
    };
    // The console counts what the services publish a moment later: wait until it has it all.
    await waitFor(
      () =>
        expectFiguresAsPlanned().then(
          () => true,
          () => false,
        ),
      { timeoutMs: 30000, intervalMs: 500, description: 'the figures as planned' },
    ).catch(() => undefined);
    await expectFiguresAsPlanned();
    const flowSeconds = (Date.now() - runStartedAt) / 1000;

    // The cases the rules are for, as the table makes them.
    const aMonths = new Map((await figures(`municipalityCode=${codes.a}`)).items.map((r) => [r.period, r]));
    const [aQuarter] = (await figures(`municipalityCode=${codes.a}&period=${year}-Q1`)).items;
    const [jan, feb, mar] = months.map((m) => aMonths.get(m)!);
    // Primary: February's 2 offers are hidden. Complementary across the months of the quarter:
    // January's 6 is hidden too, or 16 - 6 - 8 would give February's 2.
    expect([jan.tijdens.offers, feb.tijdens.offers, mar.tijdens.offers, aQuarter.tijdens.offers]).toEqual([
      null,
      null,
      8,
      16,
    ]);
    // Amsterdam months: March's entries came at 23:30 UTC on 28 February, 00:30 on 1 March in Dutch time.
    expect([feb.tijdens.enteredWithConsent, mar.tijdens.enteredWithConsent]).toEqual([null, 8]);
    // Two hidden months (2 and 4) protect each other: January's 5 prevented exits stay shown.
    expect([
      jan.tijdens.careNoLongerNeeded,
      feb.tijdens.careNoLongerNeeded,
      mar.tijdens.careNoLongerNeeded,
    ]).toEqual([5, null, null]);
    // A share only when both its counts are shown: January's 5 of 6 exits is hidden with the 6.
    expect(jan.tijdens.careNoLongerNeededShare).toBeNull();
    expect(aQuarter.tijdens.careNoLongerNeededShare).toBe(0.733);
    // The moments of a month add up to no published figure: January's hidden handovers (na) hide
    // nothing of its shown prevention (tijdens), nor the other way round.
    expect([jan.voor.referralsToCare, jan.na.handovers, jan.tijdens.careNoLongerNeeded]).toEqual([
      null,
      null,
      5,
    ]);

    // A policy officer of a sees a's figures as ops does, and gets 403 for b.
    const policy = await authHeader('policy', { municipalityCodes: [codes.a] });
    const asPolicy = (path: string) => fetch(`${ops.baseUrl}/api/v1/${path}`, { headers: policy });
    const own = (await (await asPolicy(`impact?period=${year}-Q1`)).json()) as Impact;
    expect(own.items).toEqual([aQuarter]);
    for (const path of [
      `impact?municipalityCode=${codes.b}`,
      `impact/export.csv?municipalityCode=${codes.b}`,
    ]) {
      expect([path, (await asPolicy(path)).status]).toEqual([path, 403]);
    }
    // Every answer says as of when (other tests' events on the shared broker move it too).
    expect(Number.isNaN(Date.parse(own.asOf))).toBe(false);
    const csv = await (await asPolicy(`impact/export.csv`)).text();
    const answers = [JSON.stringify(own), csv, JSON.stringify(await figures(`municipalityCode=${codes.b}`))];
    for (const ref of sent) expect(answers.filter((text) => text.includes(ref))).toEqual([]);

    process.stdout.write(
      `[impact-months] ${sent.length} youngsters over ${months.length} months in ${flowSeconds.toFixed(1)} s; ` +
        `${((Date.now() - startedAt) / 1000).toFixed(1)} s with the services' start\n`,
    );
  });
});
