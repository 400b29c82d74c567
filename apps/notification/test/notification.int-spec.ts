import AxeBuilder from '@axe-core/playwright';
import { BRIDGING_EVENT_TYPES, REFERRAL_EVENT_TYPES, TASK_EVENT_TYPES, TOPICS } from '@samenspel/contracts';
import {
  authHeader,
  aYouthRef,
  identityProviderControls,
  launchChromium,
  REPO_ROOT,
  signIn,
  signInPort,
  startService,
  TopicRecorder,
  waitFor,
  type ServiceUnderTest,
} from '@samenspel/testing';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import { addWorkingDays } from '@samenspel/calendar';
import { ReferralWorld } from '../../referral/test/referral-world';
import { aMunicipality, BridgingHarness } from '../../waitlist-bridging/test/bridging-harness';
import { SIGNATURE_HEADER, verifySignature } from '../src/domain/webhook-signature';
import {
  aSchedulerOn,
  aTeamId,
  announceTeam,
  api,
  BRIDGING,
  cloudEvent,
  offered,
  outboxEventsFor,
  REFERRAL,
  referralCreated,
  serviceDb,
  smtpReceiver,
  tasksOf,
  TestKafka,
  webhookReceiver,
  type TaskJson,
} from './notification-harness';

/**
 * The default plan starts with a step at once and waits weeks for the next, so most tests see one
 * follow-up task. GM0307 and GM0599 have plans in seconds for the scheduler tests.
 */
const PLANS = JSON.stringify({
  default: [
    { step: 'first-contact', at: {}, dueWorkingDays: 5 },
    { step: 'check-in-2w', at: { weeks: 2 }, dueWorkingDays: 3 },
  ],
  GM0307: [
    { step: 'first-contact', at: {}, dueWorkingDays: 5 },
    { step: 'check-in-2w', at: { seconds: 2 }, dueWorkingDays: 3 },
    { step: 'check-in-3m', at: { seconds: 4 }, dueWorkingDays: 5 },
  ],
  // A check-in that comes after a worker claimed the youngster's follow-up.
  GM0363: [
    { step: 'first-contact', at: {}, dueWorkingDays: 5 },
    { step: 'check-in-2w', at: { seconds: 6 }, dueWorkingDays: 3 },
  ],
  // A step that comes due while the service is down in the restart test.
  GM0599: [
    { step: 'first-contact', at: {}, dueWorkingDays: 5 },
    { step: 'check-in-2w', at: { seconds: 10 }, dueWorkingDays: 3 },
  ],
});

describe('the notification service on the real broker and database', () => {
  const kafka = new TestKafka();
  let smtp: Awaited<ReturnType<typeof smtpReceiver>>;
  let sut: ServiceUnderTest;
  let db: Client;
  let env: Record<string, string>;
  // The owners the workspace acts on, for the page's browser tests.
  let activity: ServiceUnderTest;
  let bridging: ServiceUnderTest;
  let owners: BridgingHarness;
  let referral: ReferralWorld;

  beforeAll(async () => {
    const startingOwners = Promise.all([
      startService('activity').then(async (a) => {
        activity = a;
        bridging = await startService('waitlist-bridging', { env: { ACTIVITY_URL: activity.baseUrl } });
      }),
      ReferralWorld.start().then((r) => {
        referral = r;
      }),
    ]);
    smtp = await smtpReceiver();
    await startingOwners;
    env = {
      SCHEDULER_TICK_MS: '200',
      ESCALATE_AFTER_WORKING_DAYS: '0',
      SMTP_URL: smtp.url,
      DELIVERY_BACKOFF_BASE_MS: '100',
      DELIVERY_BACKOFF_MAX_MS: '400',
      DELIVERY_MAX_ATTEMPTS: '6',
      WEBHOOK_DISABLE_AFTER_FAILURES: '3',
      WEBHOOK_TIMEOUT_MS: '2000',
      // The test receivers listen on 127.0.0.1, which webhooks may not reach by default.
      WEBHOOK_ALLOWED_TARGETS: '127.0.0.1/32',
      FOLLOW_UP_PLANS: PLANS,
      BRIDGING_URL: bridging.baseUrl,
      ACTIVITY_URL: activity.baseUrl,
      REFERRAL_URL: referral.sut.baseUrl,
    };
    // On the port the run's identity provider knows the workspace by, for the browser tests' sign-in.
    sut = await startService('notification', { env, port: signInPort('notification') });
    db = await serviceDb(sut.databaseName);
    owners = new BridgingHarness(activity, bridging, kafka, await TopicRecorder.start(TOPICS.bridging));
  });

  afterAll(async () => {
    await db?.end();
    await owners?.outbound.stop();
    await Promise.all([sut, bridging, activity].map((s) => s?.dispose()));
    await referral?.dispose();
    await kafka.close();
    await smtp?.close();
  });

  const taskOf = (teamId: string, predicate: (t: TaskJson) => boolean, description: string) =>
    waitFor(async () => (await tasksOf(sut, teamId)).find(predicate), { timeoutMs: 30000, description });

  describe('tasks from events, the inbox API, escalation and delivery channels', () => {
    it('creates one bridging-offer task from an offer event delivered twice and re-sent with a new id', async () => {
      const teamId = aTeamId();
      const youthRef = aYouthRef();
      const data = offered(youthRef, teamId);
      const event = cloudEvent(BRIDGING_EVENT_TYPES.offered, youthRef, data);
      const resent = cloudEvent(BRIDGING_EVENT_TYPES.offered, youthRef, data);
      await kafka.produce(BRIDGING, [event, event, resent]);
      // A later event of the same youngster: once it is processed, the three before it are too.
      const marker = offered(youthRef, teamId);
      await kafka.produce(BRIDGING, [cloudEvent(BRIDGING_EVENT_TYPES.offered, youthRef, marker)]);
      await taskOf(teamId, (t) => t.offerId === marker.offerId, 'the marker offer task');

      const tasks = (await tasksOf(sut, teamId)).filter((t) => t.offerId === data.offerId);
      expect(tasks).toHaveLength(1);
      expect(tasks[0]).toMatchObject({
        type: 'bridging-offer',
        status: 'open',
        youthRef,
        context: { activityTitle: 'Kickboksen voor starters' },
      });
      const events = await outboxEventsFor(db, tasks[0].id);
      expect(events.map((e) => e.type)).toEqual([TASK_EVENT_TYPES.created]);
    });

    it('completes the offer task when the offer is accepted, and cancels another when it is withdrawn', async () => {
      const teamId = aTeamId();
      const youthRef = aYouthRef();
      const accepted = offered(youthRef, teamId);
      const withdrawn = offered(youthRef, teamId);
      const outcome = (o: typeof accepted) => ({
        waitlistEntryId: o.waitlistEntryId,
        youthRef,
        offerId: o.offerId,
        activityId: o.activityId,
        teamId,
      });
      await kafka.produce(BRIDGING, [
        cloudEvent(BRIDGING_EVENT_TYPES.offered, youthRef, accepted),
        cloudEvent(BRIDGING_EVENT_TYPES.offered, youthRef, withdrawn),
        cloudEvent(BRIDGING_EVENT_TYPES.accepted, youthRef, outcome(accepted)),
        cloudEvent(BRIDGING_EVENT_TYPES.offerWithdrawn, youthRef, {
          ...outcome(withdrawn),
          reason: 'withdrawn',
        }),
      ]);
      const done = await taskOf(teamId, (t) => t.offerId === accepted.offerId && t.status === 'done', 'done');
      const cancelled = await taskOf(
        teamId,
        (t) => t.offerId === withdrawn.offerId && t.status === 'cancelled',
        'cancelled',
      );
      expect(done.outcome).toBe('accepted');
      expect(cancelled.cancelReason).toBe('offer-withdrawn');
      const completedEvent = (await outboxEventsFor(db, done.id)).find(
        (e) => e.type === TASK_EVENT_TYPES.completed,
      );
      expect(completedEvent?.data).toMatchObject({ outcome: 'accepted', offerId: accepted.offerId });
    });

    it('turns referrals, warm handovers and care started into their tasks, and starts the follow-up plan after a handover', async () => {
      const teamId = aTeamId();
      const youthRef = aYouthRef();
      const handover = referralCreated(youthRef, teamId, 'after');
      const parallel = referralCreated(youthRef, teamId, 'during');
      await kafka.produce(REFERRAL, [
        cloudEvent(REFERRAL_EVENT_TYPES.created, youthRef, handover),
        cloudEvent(REFERRAL_EVENT_TYPES.created, youthRef, parallel),
        cloudEvent(REFERRAL_EVENT_TYPES.warmHandoverPlanned, youthRef, {
          referralId: handover.referralId,
          youthRef,
          teamId,
          proposedAt: new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString(),
          participantRoles: ['case-manager', 'youth-worker'],
        }),
      ]);
      await kafka.produce(BRIDGING, [
        cloudEvent(BRIDGING_EVENT_TYPES.ended, youthRef, {
          waitlistEntryId: `wl-${youthRef}`,
          youthRef,
          reason: 'care-started',
          placementContinues: true,
          teamId,
        }),
      ]);
      await waitFor(async () => (await tasksOf(sut, teamId)).length === 5, {
        timeoutMs: 30000,
        description: 'five tasks: two intakes, a warm handover, care started and the first follow-up step',
      });
      const tasks = await tasksOf(sut, teamId);
      const byType = (type: string) => tasks.filter((t) => t.type === type);
      expect(byType('handover-intake')).toEqual([
        expect.objectContaining({
          referralId: handover.referralId,
          context: expect.objectContaining({ phase: 'after' }),
        }),
      ]);
      expect(byType('referral-intake')).toEqual([
        expect.objectContaining({ referralId: parallel.referralId }),
      ]);
      expect(byType('warm-handover')).toHaveLength(1);
      expect(byType('care-started')).toHaveLength(1);
      expect(byType('follow-up')).toEqual([
        expect.objectContaining({ step: 'first-contact', referralId: handover.referralId }),
      ]);
      // Its recorded outcome completes the meeting's task from the event, naming nobody.
      const meeting = byType('warm-handover')[0];
      await kafka.produce(REFERRAL, [
        cloudEvent(REFERRAL_EVENT_TYPES.warmHandoverRecorded, youthRef, {
          referralId: handover.referralId,
          youthRef,
          teamId,
          proposedAt: new Date(meeting.dueAt).toISOString(),
          tookPlace: false,
          recordedAt: new Date().toISOString(),
        }),
      ]);
      const met = await taskOf(teamId, (t) => t.id === meeting.id && t.status === 'done', 'meeting done');
      expect(met).toMatchObject({ outcome: 'not-reached' });
      expect(met.completedBy).toBeUndefined();

      // A referral routed later, once its municipality had a team, gets the same intake and plan.
      const lateTeam = aTeamId();
      const late = referralCreated(youthRef, lateTeam, 'after');
      await kafka.produce(REFERRAL, [cloudEvent(REFERRAL_EVENT_TYPES.routed, youthRef, late)]);
      await waitFor(async () => (await tasksOf(sut, lateTeam)).length === 2, {
        timeoutMs: 30000,
        description: 'the routed referral: its intake and first follow-up step',
      });
      expect((await tasksOf(sut, lateTeam)).map((t) => [t.type, t.referralId]).sort()).toEqual([
        ['follow-up', late.referralId],
        ['handover-intake', late.referralId],
      ]);
      // The handover intake is due five Dutch working days later.
      const intake = byType('handover-intake')[0];
      const created = new Date(intake.dueAt);
      expect(created.getTime()).toBeGreaterThan(Date.now());
      expect(Math.abs(addWorkingDays(new Date(), 5).getTime() - created.getTime())).toBeLessThan(60000);
    });

    it('records a follow-up outcome on completion and publishes it with the referral and step', async () => {
      const teamId = aTeamId();
      const youthRef = aYouthRef();
      const handover = referralCreated(youthRef, teamId, 'after');
      await kafka.produce(REFERRAL, [cloudEvent(REFERRAL_EVENT_TYPES.created, youthRef, handover)]);
      const step = await taskOf(teamId, (t) => t.type === 'follow-up', 'first-contact step');
      const worker = await authHeader('youth-worker', { teamId, sub: 'worker-1' });

      const wrong = await api(sut, `/tasks/${step.id}/complete`, worker, {
        method: 'POST',
        body: { outcome: 'done' },
      });
      expect(wrong.status).toBe(422);
      const claimed = await api(sut, `/tasks/${step.id}/claim`, worker, { method: 'POST' });
      expect(claimed.body).toMatchObject({ status: 'claimed', assignee: 'worker-1' });
      const otherWorker = await authHeader('youth-worker', { teamId, sub: 'worker-2' });
      expect((await api(sut, `/tasks/${step.id}/claim`, otherWorker, { method: 'POST' })).status).toBe(409);
      const done = await api(sut, `/tasks/${step.id}/complete`, worker, {
        method: 'POST',
        body: { outcome: 'engaged-in-activity', note: 'Komt dinsdag kijken' },
      });
      expect(done.body).toMatchObject({ status: 'done', outcome: 'engaged-in-activity' });

      const events = await outboxEventsFor(db, step.id);
      expect(events.map((e) => e.type)).toEqual([
        TASK_EVENT_TYPES.created,
        TASK_EVENT_TYPES.claimed,
        TASK_EVENT_TYPES.completed,
      ]);
      expect(events[2].data).toMatchObject({
        referralId: handover.referralId,
        step: 'first-contact',
        outcome: 'engaged-in-activity',
      });
      expect(JSON.stringify(events)).not.toContain('dinsdag');
      // The note is encrypted at rest (AES-256-GCM, key id "dev" in tests) and read back in plain text.
      const { rows } = await db.query(`SELECT note FROM task WHERE id = $1`, [step.id]);
      expect(rows[0].note).toMatch(/^v1\.dev\./);
      expect(rows[0].note).not.toContain('dinsdag');
      expect((await api(sut, `/tasks/${step.id}`, worker)).body).toMatchObject({
        note: 'Komt dinsdag kijken',
      });
    });

    it('keeps a youngster’s follow-up with the worker who claims it, also its later check-in, until a team-lead reassigns it and the holder releases it', async () => {
      const teamId = aTeamId();
      const youthRef = aYouthRef();
      const handover = { ...referralCreated(youthRef, teamId, 'after'), municipalityCode: 'GM0363' };
      await kafka.produce(REFERRAL, [cloudEvent(REFERRAL_EVENT_TYPES.created, youthRef, handover)]);
      const first = await taskOf(teamId, (t) => t.step === 'first-contact', 'first-contact step');
      const intake = await taskOf(teamId, (t) => t.type === 'handover-intake', 'handover intake');
      const sub = (name: string) => `${name}-${teamId}`;
      const ayla = await authHeader('youth-worker', { teamId, sub: sub('ayla') });
      const bram = await authHeader('youth-worker', { teamId, sub: sub('bram') });
      const lead = await authHeader('team-lead', { teamId, sub: sub('lead') });
      const followUp = `/workspace/follow-ups/${youthRef}`;

      const claimed = await api(sut, `${followUp}/claim`, ayla, { method: 'POST' });
      expect(claimed).toMatchObject({
        status: 200,
        body: { youthRef, holder: sub('ayla'), movedTaskIds: [first.id] },
      });
      expect((await api(sut, `${followUp}/claim`, ayla, { method: 'POST' })).body.movedTaskIds).toEqual([]);
      const taken = await api(sut, `${followUp}/claim`, bram, { method: 'POST' });
      expect(taken.status).toBe(409);
      expect(taken.body).toMatchObject({
        type: expect.stringMatching(/follow-up-held$/),
        holder: sub('ayla'),
      });
      expect((await api(sut, `${followUp}/release`, bram, { method: 'POST' })).status).toBe(409);
      expect(
        (await api(sut, `${followUp}/reassign`, ayla, { method: 'POST', body: { worker: sub('bram') } }))
          .status,
      ).toBe(403);

      // The check-in the scheduler creates later is the holder's from the start; the intake stays the team's.
      const checkIn = await taskOf(teamId, (t) => t.step === 'check-in-2w', 'the later check-in');
      expect(checkIn).toMatchObject({ status: 'claimed', assignee: sub('ayla') });
      expect((await tasksOf(sut, teamId)).find((t) => t.id === intake.id)).toMatchObject({ status: 'open' });

      // A team-lead hands it to a worker the team knows (one who claimed one of its tasks).
      const unknown = await api(sut, `${followUp}/reassign`, lead, {
        method: 'POST',
        body: { worker: sub('bram') },
      });
      expect(unknown.status).toBe(422);
      expect(JSON.stringify(unknown.body)).not.toContain(sub('bram'));
      expect((await api(sut, `/tasks/${intake.id}/claim`, bram, { method: 'POST' })).status).toBe(200);
      const reassigned = await api(sut, `${followUp}/reassign`, lead, {
        method: 'POST',
        body: { worker: sub('bram') },
      });
      expect(reassigned.body).toMatchObject({ holder: sub('bram') });
      expect([...reassigned.body.movedTaskIds].sort()).toEqual([first.id, checkIn.id].sort());
      const steps = (await tasksOf(sut, teamId, '&type=follow-up')).map((t) => [
        t.step,
        t.status,
        t.assignee,
      ]);
      expect(steps.sort()).toEqual([
        ['check-in-2w', 'claimed', sub('bram')],
        ['first-contact', 'claimed', sub('bram')],
      ]);

      // Released, the steps are the team's again.
      const released = await api(sut, `${followUp}/release`, bram, { method: 'POST' });
      expect(released.body).toMatchObject({ holder: null });
      const open = await tasksOf(sut, teamId, '&type=follow-up');
      expect(open.map((t) => [t.status, t.assignee])).toEqual([
        ['open', undefined],
        ['open', undefined],
      ]);
      expect((await outboxEventsFor(db, first.id)).map((e) => e.type)).toEqual([
        TASK_EVENT_TYPES.created,
        TASK_EVENT_TYPES.claimed,
        TASK_EVENT_TYPES.claimed,
      ]);

      // Another team knows no such follow-up, and every change is audited under the youngster.
      const otherTeam = await authHeader('youth-worker', { teamId: aTeamId() });
      expect((await api(sut, `${followUp}/claim`, otherTeam, { method: 'POST' })).status).toBe(404);
      const audit = await api(sut, `/audit?actor=${sub('lead')}&action=update`, await authHeader('admin'));
      expect(audit.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ resource: { type: 'follow-up', id: youthRef }, outcome: 'success' }),
        ]),
      );
    });

    it('records first contact and completes a later step from the workspace, each published with its referral and step', async () => {
      const teamId = aTeamId();
      const youthRef = aYouthRef();
      // GM0307: the first check-in comes 2 s after the handover.
      const handover = { ...referralCreated(youthRef, teamId, 'after'), municipalityCode: 'GM0307' };
      await kafka.produce(REFERRAL, [cloudEvent(REFERRAL_EVENT_TYPES.created, youthRef, handover)]);
      const first = await taskOf(teamId, (t) => t.step === 'first-contact', 'first-contact step');
      const intake = await taskOf(teamId, (t) => t.type === 'handover-intake', 'handover intake');
      const worker = await authHeader('youth-worker', { teamId, sub: `w-${teamId}` });
      const record = (taskId: string, action: string, body: object, as = worker) =>
        api(sut, `/workspace/tasks/${taskId}/${action}`, as, { method: 'POST', body });

      const onIntake = await record(intake.id, 'first-contact', { outcome: 'reached' });
      expect(onIntake).toMatchObject({
        status: 422,
        body: { type: expect.stringMatching(/not-a-follow-up-step$/) },
      });
      expect((await record(first.id, 'first-contact', { outcome: 'engaged-in-activity' })).status).toBe(400);
      const reached = await record(first.id, 'first-contact', { outcome: 'reached' });
      expect(reached).toMatchObject({ status: 200, body: { status: 'done', outcome: 'reached' } });
      expect((await record(first.id, 'first-contact', { outcome: 'reached' })).status).toBe(200);
      const other = await authHeader('youth-worker', { teamId });
      expect((await record(first.id, 'first-contact', { outcome: 'declined' }, other)).status).toBe(409);

      const checkIn = await taskOf(teamId, (t) => t.step === 'check-in-2w', 'the first check-in');
      const notFirst = await record(checkIn.id, 'first-contact', { outcome: 'reached' });
      expect(notFirst).toMatchObject({
        status: 422,
        body: { type: expect.stringMatching(/not-first-contact$/) },
      });
      const engaged = await record(checkIn.id, 'follow-up-step', { outcome: 'engaged-in-activity' });
      expect(engaged.body).toMatchObject({
        status: 'done',
        outcome: 'engaged-in-activity',
        completedBy: `w-${teamId}`,
      });

      for (const [task, outcome] of [
        [first, 'reached'],
        [checkIn, 'engaged-in-activity'],
      ] as const) {
        const completed = (await outboxEventsFor(db, task.id)).filter(
          (e) => e.type === TASK_EVENT_TYPES.completed,
        );
        expect(completed.map((e) => e.data)).toEqual([
          expect.objectContaining({ referralId: handover.referralId, step: task.step, outcome }),
        ]);
      }
    });

    it('answers a worker of team B with 404 on team A’s task and 403 on team A’s list', async () => {
      const teamA = aTeamId();
      const teamB = aTeamId();
      const youthRef = aYouthRef();
      const data = offered(youthRef, teamA);
      await kafka.produce(BRIDGING, [cloudEvent(BRIDGING_EVENT_TYPES.offered, youthRef, data)]);
      const task = await taskOf(teamA, (t) => t.offerId === data.offerId, 'team A task');
      const workerB = await authHeader('youth-worker', { teamId: teamB });

      expect((await api(sut, `/tasks/${task.id}`, workerB)).status).toBe(404);
      expect((await api(sut, `/tasks/${task.id}/claim`, workerB, { method: 'POST' })).status).toBe(404);
      expect(
        (await api(sut, `/tasks/${task.id}/complete`, workerB, { method: 'POST', body: { outcome: 'done' } }))
          .status,
      ).toBe(404);
      expect((await api(sut, `/tasks?teamId=${teamA}`, workerB)).status).toBe(403);
      expect((await api(sut, `/tasks`, workerB)).body.items).toEqual([]);
      const leadB = await authHeader('team-lead', { teamId: teamB });
      expect(
        (await api(sut, `/tasks/${task.id}/cancel`, leadB, { method: 'POST', body: { reason: 'duplicate' } }))
          .status,
      ).toBe(404);
      expect(
        (await api(sut, `/tasks/${task.id}`, await authHeader('youth-worker', { teamId: teamA }))).status,
      ).toBe(200);
    });

    it('reminds, then escalates an overdue task: task.overdue on Kafka, the team-lead by e-mail and webhook', async () => {
      const teamId = aTeamId();
      const youthRef = aYouthRef();
      const lead = await authHeader('team-lead', { teamId });
      const contacts = {
        teamEmail: `team-${teamId}@example.org`,
        teamLeadEmail: `lead-${teamId}@example.org`,
      };
      // A team the activity service never announced gets no contacts; a malformed id is a field error.
      expect(
        (await api(sut, `/teams/${teamId}/contacts`, lead, { method: 'PUT', body: contacts })).status,
      ).toBe(404);
      const malformed = await api(sut, `/teams/not-a-team/contacts`, await authHeader('admin'), {
        method: 'PUT',
        body: contacts,
      });
      expect(malformed).toMatchObject({ status: 400, body: { errors: [{ field: 'teamId' }] } });
      await announceTeam(sut, kafka, teamId);
      expect(
        (await api(sut, `/teams/${teamId}/contacts`, lead, { method: 'PUT', body: contacts })).status,
      ).toBe(200);
      const receiver = await webhookReceiver();
      try {
        const hook = await api(sut, '/webhooks', lead, {
          method: 'POST',
          body: { url: receiver.url, events: ['task.overdue', 'task.reminder'] },
        });
        expect(hook.status).toBe(201);
        // An offer that already expired is due at once; with ESCALATE_AFTER_WORKING_DAYS=0 it escalates at once too.
        const data = offered(youthRef, teamId, { expiresAt: new Date(Date.now() - 60000).toISOString() });
        await kafka.produce(BRIDGING, [cloudEvent(BRIDGING_EVENT_TYPES.offered, youthRef, data)]);

        const escalated = await taskOf(
          teamId,
          (t) => t.offerId === data.offerId && !!t.escalatedAt,
          'escalation',
        );
        expect(escalated).toMatchObject({ priority: 'high', status: 'open' });
        expect(escalated.remindedAt).toBeDefined();

        const overdue = await waitFor(
          async () =>
            (await kafka.readAll('samenspel.task.v1')).find(
              (r) => r.key === youthRef && r.value?.includes(TASK_EVENT_TYPES.overdue),
            ),
          { timeoutMs: 30000, description: 'task.overdue on samenspel.task.v1' },
        );
        expect(JSON.parse(overdue.value!).data).toMatchObject({
          taskId: escalated.id,
          teamId,
          reason: expect.any(String),
        });

        await waitFor(() => smtp.mails.some((m) => m.to.includes(`lead-${teamId}@example.org`)), {
          timeoutMs: 30000,
          description: 'the escalation e-mail to the team-lead',
        });
        const leadMail = smtp.mails.find((m) => m.to.includes(`lead-${teamId}@example.org`))!;
        expect(leadMail.raw).toContain('Escalatie');
        expect(leadMail.raw).not.toContain(youthRef);
        await waitFor(() => smtp.mails.some((m) => m.to.includes(`team-${teamId}@example.org`)), {
          timeoutMs: 30000,
          description: 'the new-task or reminder e-mail to the team',
        });

        await waitFor(
          () =>
            receiver.received
              .map((r) => JSON.parse(r.body).type)
              .sort()
              .join() === 'task.overdue,task.reminder',
          {
            timeoutMs: 30000,
            description: 'the reminder and overdue webhooks',
          },
        );
      } finally {
        await receiver.close();
      }
    });

    it('signs webhook deliveries, retries a failing receiver with backoff and logs every attempt', async () => {
      const teamId = aTeamId();
      const youthRef = aYouthRef();
      const lead = await authHeader('team-lead', { teamId });
      const receiver = await webhookReceiver([500, 503]);
      try {
        const hook = await api(sut, '/webhooks', lead, {
          method: 'POST',
          body: { url: receiver.url, events: ['task.created'] },
        });
        const secret = hook.body.secret as string;
        expect(secret).toMatch(/^whsec_/);
        const data = offered(youthRef, teamId);
        await kafka.produce(BRIDGING, [cloudEvent(BRIDGING_EVENT_TYPES.offered, youthRef, data)]);

        await waitFor(() => receiver.received.some((r) => r.status === 200), {
          timeoutMs: 30000,
          description: 'the third attempt to succeed',
        });
        expect(receiver.received.map((r) => r.status)).toEqual([500, 503, 200]);
        for (const hit of receiver.received) {
          const header = hit.headers[SIGNATURE_HEADER.toLowerCase()] as string;
          expect(verifySignature(secret, hit.body, header, Math.floor(Date.now() / 1000))).toBe(true);
          expect(verifySignature('another-secret', hit.body, header, Math.floor(Date.now() / 1000))).toBe(
            false,
          );
        }
        expect(JSON.parse(receiver.received[2].body)).toMatchObject({
          type: 'task.created',
          data: { offerId: data.offerId, teamId, type: 'bridging-offer' },
        });
        // The attempt is logged when its transaction commits, just after the receiver answered.
        const log = await waitFor(
          async () => {
            const page = await api(sut, `/webhooks/${hook.body.id}/deliveries`, lead);
            return page.body.items[0]?.status === 'delivered' && page;
          },
          { timeoutMs: 30000, description: 'the delivery logged as delivered' },
        );
        // The team-lead sees only that it was delivered; the receiver's answers are for an admin.
        expect(log.body.items).toEqual([
          {
            id: expect.any(String),
            event: 'task.created',
            status: 'delivered',
            attempts: 3,
            nextAttemptAt: expect.any(String),
            createdAt: expect.any(String),
            deliveredAt: expect.any(String),
          },
        ]);
        const asAdmin = await api(sut, `/webhooks/${hook.body.id}/deliveries`, await authHeader('admin'));
        expect(asAdmin.body.items).toEqual([
          expect.objectContaining({ status: 'delivered', lastStatusCode: 200 }),
        ]);
      } finally {
        await receiver.close();
      }
    });

    it('disables a webhook that keeps failing and gives the team a webhook-disabled task', async () => {
      const teamId = aTeamId();
      const youthRef = aYouthRef();
      const lead = await authHeader('team-lead', { teamId });
      const receiver = await webhookReceiver(Array(20).fill(500));
      try {
        const hook = await api(sut, '/webhooks', lead, {
          method: 'POST',
          body: { url: receiver.url, events: ['task.created'] },
        });
        await kafka.produce(BRIDGING, [
          cloudEvent(BRIDGING_EVENT_TYPES.offered, youthRef, offered(youthRef, teamId)),
        ]);

        const task = await taskOf(teamId, (t) => t.type === 'webhook-disabled', 'a webhook-disabled task');
        expect(task.context).toMatchObject({ webhookId: hook.body.id });
        const hooks = await api(sut, '/webhooks', lead);
        expect(hooks.body).toEqual([
          expect.objectContaining({ id: hook.body.id, status: 'disabled', consecutiveFailures: 3 }),
        ]);
        expect(receiver.received).toHaveLength(3);
        const log = await api(sut, `/webhooks/${hook.body.id}/deliveries`, lead);
        expect(log.body.items[0]).toMatchObject({ status: 'failed', attempts: 3 });
        expect(log.body.items[0]).not.toHaveProperty('lastStatusCode');
        expect(log.body.items[0]).not.toHaveProperty('lastError');
      } finally {
        await receiver.close();
      }
    });

    it('refuses webhooks to loopback, private and metadata addresses, at registration and at delivery', async () => {
      const teamId = aTeamId();
      const youthRef = aYouthRef();
      const lead = await authHeader('team-lead', { teamId });
      const admin = await authHeader('admin');
      // 127.0.0.2 is loopback outside the allowed 127.0.0.1/32.
      const receiver = await webhookReceiver([], '127.0.0.2');
      try {
        for (const url of [
          'http://169.254.169.254/latest/meta-data/iam/',
          'http://[fd00:ec2::254]/',
          'http://[::ffff:a9fe:a9fe]/',
          'http://10.0.0.1:8080/',
          receiver.url,
        ]) {
          const refused = await api(sut, '/webhooks', lead, {
            method: 'POST',
            body: { url, events: ['task.created'] },
          });
          expect([url, refused.status]).toEqual([url, 400]);
          expect(refused.body).toMatchObject({ errors: [{ field: 'url' }] });
          expect(JSON.stringify(refused.body)).not.toContain(new URL(url).hostname);
        }
        expect((await api(sut, '/webhooks', lead)).body).toEqual([]);

        // A webhook whose address was allowed when it was registered, as one whose name now
        // resolves elsewhere: its delivery connects nowhere, and the admin sees why.
        const id = randomUUID();
        await db.query(
          `INSERT INTO webhook (id, team_id, url, events, secret, status, created_by)
           VALUES ($1, $2, $3, '{task.created}', 'whsec_test', 'active', 'lead')`,
          [id, teamId, receiver.url],
        );
        await kafka.produce(BRIDGING, [
          cloudEvent(BRIDGING_EVENT_TYPES.offered, youthRef, offered(youthRef, teamId)),
        ]);
        const log = await waitFor(
          async () =>
            (await api(sut, `/webhooks/${id}/deliveries`, admin)).body.items.find(
              (d: { attempts: number }) => d.attempts > 0,
            ),
          { timeoutMs: 30000, description: 'the refused attempt in the log' },
        );
        expect(log).toMatchObject({ status: 'pending', lastError: 'address not allowed: loopback' });
        expect(log).not.toHaveProperty('lastStatusCode');
        expect(receiver.received).toEqual([]);
      } finally {
        await receiver.close();
      }
    });

    it('deletes a webhook for its own team-lead only, audited, and sends nothing more to it', async () => {
      const teamId = aTeamId();
      const youthRef = aYouthRef();
      const lead = await authHeader('team-lead', { teamId, sub: `lead-${teamId}` });
      const removed = await webhookReceiver(Array(20).fill(503));
      const kept = await webhookReceiver();
      try {
        const [hook, other] = await Promise.all(
          [removed, kept].map(
            async (r) =>
              (
                await api(sut, '/webhooks', lead, {
                  method: 'POST',
                  body: { url: r.url, events: ['task.created'] },
                })
              ).body,
          ),
        );
        await kafka.produce(BRIDGING, [
          cloudEvent(BRIDGING_EVENT_TYPES.offered, youthRef, offered(youthRef, teamId)),
        ]);
        await waitFor(() => removed.received.length > 0 && kept.received.length > 0, {
          timeoutMs: 30000,
          description: 'the first attempts at both receivers',
        });

        const otherLead = await authHeader('team-lead', { teamId: aTeamId() });
        expect((await api(sut, `/webhooks/${hook.id}`, otherLead, { method: 'DELETE' })).status).toBe(404);
        const worker = await authHeader('youth-worker', { teamId });
        expect((await api(sut, `/webhooks/${hook.id}`, worker, { method: 'DELETE' })).status).toBe(403);
        const deleted = await api(sut, `/webhooks/${hook.id}`, lead, { method: 'DELETE' });
        expect(deleted).toEqual({ status: 204, body: undefined });
        const attemptsWhenDeleted = removed.received.length;

        expect((await api(sut, '/webhooks', lead)).body.map((h: { id: string }) => h.id)).toEqual([other.id]);
        expect((await api(sut, `/webhooks/${hook.id}/deliveries`, lead)).status).toBe(404);
        // A later task reaches the webhook that is left; the deleted one's retries stay unsent.
        const next = aYouthRef();
        await kafka.produce(BRIDGING, [
          cloudEvent(BRIDGING_EVENT_TYPES.offered, next, offered(next, teamId)),
        ]);
        await waitFor(() => kept.received.length >= 2, {
          timeoutMs: 30000,
          description: 'the second delivery',
        });
        const { rows } = await db.query(`SELECT count(*)::int AS n FROM delivery WHERE webhook_id = $1`, [
          hook.id,
        ]);
        expect(rows[0].n).toBe(0);
        expect(removed.received.length).toBe(attemptsWhenDeleted);

        const audit = await api(sut, `/audit?actor=lead-${teamId}&action=delete`, await authHeader('admin'));
        expect(audit.body.items).toEqual([
          expect.objectContaining({
            action: 'delete',
            resource: { type: 'webhook', id: hook.id },
            outcome: 'success',
          }),
        ]);
      } finally {
        await removed.close();
        await kept.close();
      }
    });

    it('streams the team’s task changes as Server-Sent Events, and takes no token in the URL', async () => {
      const teamId = aTeamId();
      const youthRef = aYouthRef();
      const controller = new AbortController();
      const res = await fetch(`${sut.baseUrl}/api/v1/tasks/stream`, {
        headers: await authHeader('youth-worker', { teamId }),
        signal: controller.signal,
      });
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const reader = res.body!.getReader();
      let text = '';
      const data = offered(youthRef, teamId);
      const otherTeams = offered(aYouthRef(), aTeamId());
      await kafka.produce(BRIDGING, [
        cloudEvent(BRIDGING_EVENT_TYPES.offered, otherTeams.youthRef, otherTeams),
        cloudEvent(BRIDGING_EVENT_TYPES.offered, youthRef, data),
      ]);
      await waitFor(
        async () => {
          const { value } = await reader.read();
          text += new TextDecoder().decode(value);
          return text.includes(data.offerId);
        },
        { timeoutMs: 30000, description: 'the created event on the stream' },
      );
      controller.abort();
      expect(text).toContain('event: created');
      expect(text).not.toContain(otherTeams.offerId);

      // A token in the URL ends up in logs and history: the stream takes the header or a page's session cookie.
      const { authorization } = await authHeader('youth-worker', { teamId });
      const inUrl = await fetch(`${sut.baseUrl}/api/v1/tasks/stream?access_token=${authorization.slice(7)}`);
      expect(inUrl.status).toBe(401);
      expect((await fetch(`${sut.baseUrl}/api/v1/tasks/stream`)).status).toBe(401);
    });
  });

  describe('the team workspace page in a real headless Chromium', () => {
    let browser: BrowserContext;
    const artifacts = join(REPO_ROOT, 'test-artifacts', 'workspace');

    beforeAll(async () => {
      mkdirSync(artifacts, { recursive: true });
      browser = await launchChromium();
    }, 900000);

    afterAll(async () => {
      await Promise.all([browser?.close(), leadBrowser?.close()]);
    });

    /** A team lead's own browser: a person's session cookie is per browser, as on two devices. */
    let leadBrowser: BrowserContext | undefined;

    /** The workspace, signed in as `who` (by default worker-anna, a youth worker) of the test's own team. */
    async function openInbox(
      teamId: string,
      viewport = { width: 390, height: 844 },
      who: { role: 'youth-worker' | 'team-lead'; sub: string } = { role: 'youth-worker', sub: 'worker-anna' },
    ): Promise<Page> {
      const context = who.role === 'team-lead' ? (leadBrowser ??= await launchChromium()) : browser;
      await identityProviderControls().setUser(who.sub, { role: who.role, teamId });
      await context.clearCookies(); // no session left here or at the provider by the test before
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      await page.goto(`${sut.baseUrl}/inbox`);
      await signIn(page, who.sub);
      return page;
    }

    it('shows open tasks by due date in Dutch, claims one and completes it with an outcome, live', async () => {
      const teamId = aTeamId();
      const youthRef = aYouthRef();
      const soon = offered(youthRef, teamId, { expiresAt: new Date(Date.now() + 3600000).toISOString() });
      await kafka.produce(BRIDGING, [cloudEvent(BRIDGING_EVENT_TYPES.offered, youthRef, soon)]);
      await waitFor(async () => (await tasksOf(sut, teamId)).length === 1, { description: 'the offer task' });

      const page = await openInbox(teamId);
      try {
        await page.waitForSelector('[data-testid=task]');
        expect(await page.title()).toBe('Teamwerkruimte · Samenspel');
        expect(page.url()).toBe(`${sut.baseUrl}/inbox`); // back from the sign-in, no token in the address
        await page.waitForSelector('body[data-live=true]');

        // A handover arrives while the page is open: the stream adds its tasks, ordered by due date.
        const handover = referralCreated(youthRef, teamId, 'after');
        await kafka.produce(REFERRAL, [cloudEvent(REFERRAL_EVENT_TYPES.created, youthRef, handover)]);
        await waitFor(async () => (await page.locator('[data-testid=task]').count()) === 3, {
          timeoutMs: 30000,
          description: '3 task cards',
        });
        const titles = await page.locator('[data-testid=task-type]').allTextContents();
        // The offer expires within the hour, so it comes first; the 5-day intake and first contact follow.
        expect(titles[0]).toBe('Overbruggingsaanbod bespreken');
        expect(titles.slice(1).sort()).toEqual(['Intake na overdracht', 'Nazorgcontact · eerste contact']);

        const offerCard = page.locator('[data-testid=task]', { hasText: 'Overbruggingsaanbod' });
        await offerCard.locator('[data-testid=claim]').click();
        await page.waitForSelector('[data-testid=task][data-status=claimed]');
        expect(await offerCard.textContent()).toContain('Opgepakt door worker-anna');

        const followUp = page.locator('[data-testid=task]', { hasText: 'Nazorgcontact' });
        await followUp.locator('[data-testid=outcome]').selectOption('internship-or-work-found');
        await followUp.locator('[data-testid=complete]').click();
        await waitFor(async () => (await page.locator('[data-testid=task]').count()) === 2, {
          timeoutMs: 30000,
          description: '2 task cards',
        });
        const done = (await tasksOf(sut, teamId, '&status=done'))[0];
        expect(done).toMatchObject({
          type: 'follow-up',
          outcome: 'internship-or-work-found',
          status: 'done',
        });
      } finally {
        await page.close();
      }
    });

    it('switches to English and back, and fits a phone screen', async () => {
      const teamId = aTeamId();
      const youthRef = aYouthRef();
      await kafka.produce(BRIDGING, [
        cloudEvent(BRIDGING_EVENT_TYPES.offered, youthRef, offered(youthRef, teamId)),
      ]);
      await waitFor(async () => (await tasksOf(sut, teamId)).length === 1, { description: 'the offer task' });
      const page = await openInbox(teamId, { width: 360, height: 740 });
      try {
        await page.waitForSelector('[data-testid=task]');
        expect(await page.locator('h1').textContent()).toBe('Teamwerkruimte');
        expect(await page.locator('[data-testid=claim]').textContent()).toBe('Oppakken');
        await page.click('[data-testid=lang-toggle]');
        expect(await page.locator('h1').textContent()).toBe('Team workspace');
        expect(await page.locator('[data-testid=claim]').textContent()).toBe('Claim');
        expect(await page.locator('[data-testid=task-type]').textContent()).toBe('Discuss bridging offer');
        expect(await page.locator('html').getAttribute('lang')).toBe('en');
        // No horizontal scrolling on a 360 px wide phone.
        expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
        await page.click('[data-testid=lang-toggle]');
        expect(await page.locator('h1').textContent()).toBe('Teamwerkruimte');
      } finally {
        await page.close();
      }
    });

    /** Serious and critical WCAG 2.1 A/AA violations axe-core finds on the page (or one part of it) as it is now. */
    async function seriousViolations(page: Page, within?: string) {
      const axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
      const result = await (within ? axe.include(within) : axe).analyze();
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }

    it('takes a youngster from entered to two sessions attended: live task, hold, accept, placement confirmed, attendance', async () => {
      const municipality = aMunicipality();
      const teamId = await owners.team(municipality);
      const activityId = await owners.activityFor(teamId, municipality, {
        title: 'Muziekstudio',
        capacity: 10,
      });
      const page = await openInbox(teamId);
      try {
        await page.waitForSelector('body[data-live=true]');

        // 1. A plain producer puts the youngster on the waiting list; the task appears live.
        const entered = owners.entered(municipality, { ageYears: 15, interests: ['music'] });
        const youthRef = entered.data.youthRef as string;
        await owners.send([entered]);
        const card = page.locator('[data-testid=task]', { hasText: 'Muziekstudio' });
        await card.waitFor({ timeout: 15000 });
        expect(await card.locator('[data-testid=task-type]').textContent()).toBe(
          'Overbruggingsaanbod bespreken',
        );
        await page.screenshot({ path: join(artifacts, '1-task-live.png'), fullPage: true });
        expect(await seriousViolations(page)).toEqual([]);

        // 2. The worker opens it by keyboard and sees the youngster, the activity and the hold's expiry.
        await card.locator('[data-testid=open-task]').focus();
        await page.keyboard.press('Enter');
        await page.waitForSelector('[data-testid=hold-expiry]');
        expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe('detail-heading');
        const task = (await tasksOf(sut, teamId)).find((t) => t.youthRef === youthRef)!;
        const offer = (await (
          await fetch(`${bridging.baseUrl}/api/v1/offers/${task.offerId}`, {
            headers: await authHeader('team-lead', { teamId }),
          })
        ).json()) as { expiresAt: string };
        const expiry = await page.evaluate(
          (iso) =>
            new Date(iso).toLocaleString('nl-NL', {
              timeZone: 'Europe/Amsterdam',
              weekday: 'short',
              day: 'numeric',
              month: 'short',
              hour: '2-digit',
              minute: '2-digit',
            }),
          offer.expiresAt,
        );
        const text = (testid: string) => page.locator(`[data-testid=${testid}]`).textContent();
        expect(await text('hold-expiry')).toBe(expiry);
        expect(await text('youth-ref')).toBe(youthRef);
        expect(await text('municipality')).toBe(municipality);
        expect(await text('age')).toBe('15 jaar');
        expect(await text('interests')).toBe('music');
        expect(await page.locator('[data-testid=reasons] li').count()).toBeGreaterThan(0);
        expect(await text('activity-title')).toBe('Muziekstudio');
        expect(await text('schedule')).toBe('wo 15:30–17:00');
        // Capacity 10 with this youngster's seat held: 9 free.
        expect(await text('free-seats')).toBe('9 van 10');
        await page.screenshot({ path: join(artifacts, '2-task-detail.png'), fullPage: true });
        expect(await seriousViolations(page)).toEqual([]);

        // 3. The worker accepts; the seat is confirmed and the task completes from the events.
        await page.locator('[data-testid=accept]').focus();
        await page.keyboard.press('Enter');
        await page.waitForSelector('[data-testid=session-date]', { timeout: 15000 });
        const [placement] = (await owners.placement(`activityId=${activityId}`)).items;
        expect(placement).toMatchObject({ status: 'confirmed', reference: task.offerId });
        expect(await page.getAttribute('[data-testid=detail]', 'data-status')).toBe('done');

        // 4. Two sessions: a week ago present, two weeks ago absent.
        const daysAgo = (n: number) => new Date(Date.now() - n * 24 * 3600 * 1000).toISOString().slice(0, 10);
        for (const [date, status] of [
          [daysAgo(14), 'absent'],
          [daysAgo(7), 'present'],
        ]) {
          await page.fill('[data-testid=session-date]', date);
          await page.selectOption('[data-testid=attendance-status]', status);
          await page.click('[data-testid=record-attendance]');
          await page.waitForSelector(`[data-testid=attendance-recorded] li:has-text("${date}")`);
        }
        expect(await page.locator('[data-testid=attendance-recorded] li').allTextContents()).toEqual([
          `${daysAgo(14)}: Afwezig`,
          `${daysAgo(7)}: Aanwezig`,
        ]);
        const attendance = (await (
          await fetch(`${activity.baseUrl}/api/v1/placements/${placement.id}/attendance`, {
            headers: await authHeader('admin'),
          })
        ).json()) as { sessions: { sessionDate: string; status: string }[] };
        expect(
          attendance.sessions
            .map((s) => ({ sessionDate: s.sessionDate, status: s.status }))
            .sort((a, b) => a.sessionDate.localeCompare(b.sessionDate)),
        ).toEqual([
          { sessionDate: daysAgo(14), status: 'absent' },
          { sessionDate: daysAgo(7), status: 'present' },
        ]);
        await page.screenshot({ path: join(artifacts, '3-attendance.png'), fullPage: true });
        expect(await seriousViolations(page)).toEqual([]);
      } finally {
        await page.close();
      }
    });

    it('declines an offer after a confirmation, and the third of three youngsters holds the freed seat within 5 s, never overbooked', async () => {
      const municipality = aMunicipality();
      const teamId = await owners.team(municipality);
      const activityId = await owners.activityFor(teamId, municipality, { title: 'Skatebaan', capacity: 2 });
      const seats = async () =>
        (
          (await (
            await fetch(`${activity.baseUrl}/api/v1/activities/${activityId}`, {
              headers: await authHeader('admin'),
            })
          ).json()) as { capacity: { capacity: number; held: number; confirmed: number } }
        ).capacity;
      // Samples the activity's seats for the whole test: held + confirmed may never pass the capacity.
      const overbooked: string[] = [];
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          const c = await seats();
          if (c.held + c.confirmed > c.capacity) overbooked.push(`${c.held}+${c.confirmed}>${c.capacity}`);
          await new Promise((r) => setTimeout(r, 50));
        }
      })();
      const page = await openInbox(teamId);
      let lead: Page | undefined;
      try {
        await page.waitForSelector('body[data-live=true]');

        // Three youngsters for two seats: two get offers and tasks, live; the third waits.
        const entries = [0, 1, 2].map(() =>
          owners.entered(municipality, { ageYears: 14, interests: ['music'] }),
        );
        const refs = entries.map((e) => e.data.youthRef as string);
        await owners.send(entries);
        await waitFor(async () => (await page.locator('[data-testid=task]').count()) === 2, {
          timeoutMs: 15000,
          description: '2 offer task cards',
        });
        const offeredTasks = await tasksOf(sut, teamId);
        const waiting = refs.find((r) => !offeredTasks.some((t) => t.youthRef === r))!;
        expect(offeredTasks).toHaveLength(2);
        expect(await seats()).toMatchObject({ capacity: 2, held: 2, confirmed: 0 });

        // The team-lead's view of the same team: the activity's live seats, the work per worker and
        // the queue as a count; a pause and a publish from the page reach the activity service.
        const asLead = { role: 'team-lead', sub: 'lead-lotte' } as const;
        lead = await openInbox(teamId, undefined, asLead);
        const skate = lead.locator('[data-testid=team-activity]', { hasText: 'Skatebaan' });
        await skate.waitFor({ timeout: 15000 });
        const leadText = (testid: string) => lead!.locator(`[data-testid=${testid}]`).textContent();
        expect(await leadText('team-capacity')).toBe('2 vastgehouden · 0 bevestigd · 0 vrij (van 2)');
        expect(await leadText('team-queued')).toBe(
          '1 jongere wacht op een plek in de gemeenten van het team',
        );
        expect(await lead.locator('[data-testid=team-worker]').allTextContents()).toEqual([
          'Nog niet opgepakt20',
        ]);
        expect(await seriousViolations(lead, '#team-view')).toEqual([]);
        await lead.screenshot({ path: join(artifacts, '4-team-lead.png'), fullPage: true });
        const activityStatus = async () =>
          (
            (await (
              await fetch(`${activity.baseUrl}/api/v1/activities/${activityId}`, {
                headers: await authHeader('admin'),
              })
            ).json()) as { status: string }
          ).status;
        await skate.locator('[data-testid=pause-activity]').click();
        await lead.waitForSelector('[data-testid=team-activity][data-status=paused]');
        expect(await activityStatus()).toBe('paused');
        // By keyboard: after the pause, focus is on the activity's first control, now Publiceren.
        const focused = (p: Page) => p.evaluate<string | undefined>('document.activeElement?.dataset.testid');
        await waitFor(async () => (await focused(lead!)) === 'publish-activity', {
          description: 'focus on Publiceren',
        });
        await lead.keyboard.press('Enter');
        await lead.waitForSelector('[data-testid=team-activity][data-status=open]');
        expect(await activityStatus()).toBe('open');
        // Closed until the end, so that its reloads do not take part in the timed decline.
        await lead.close();

        // The worker opens one offer and declines it; the page asks first.
        const declinedTask = offeredTasks[0];
        await page.locator(`[data-task-id="${declinedTask.id}"] [data-testid=open-task]`).click();
        await page.waitForSelector('[data-testid=decline]');
        await page.selectOption('[data-testid=decline-reason]', 'family-declined');
        await page.click('[data-testid=decline]');
        await page.locator('[data-testid=confirm-decline]').waitFor();
        expect(await page.evaluate<string | undefined>('document.activeElement?.dataset.testid')).toBe(
          'confirm-decline',
        );
        await page.screenshot({ path: join(artifacts, '5-decline-confirm.png'), fullPage: true });
        expect(await seriousViolations(page)).toEqual([]);

        const confirmedAt = Date.now();
        await page.click('[data-testid=confirm-decline]');
        await owners.outboundEvent(waiting, 'offered', 1, 5000);
        const held = Date.now() - confirmedAt;
        console.log(`decline confirmed to the third youngster's hold: ${held} ms`);
        expect(held).toBeLessThan(5000);

        await owners.outboundEvent(declinedTask.youthRef, 'declined');
        await taskOf(
          teamId,
          (t) => t.youthRef === waiting && t.type === 'bridging-offer',
          'the third youngster’s task',
        );
        const done = (await tasksOf(sut, teamId, '&status=done')).find((t) => t.id === declinedTask.id);
        expect(done).toMatchObject({ status: 'done', outcome: 'declined', completedBy: 'worker-anna' });
        await page.waitForSelector('[data-testid=detail][data-status=done]');
        await page.screenshot({ path: join(artifacts, '6-declined.png'), fullPage: true });
        expect(await seats()).toMatchObject({ capacity: 2, held: 2, confirmed: 0 });
        const holders = (await owners.placement(`activityId=${activityId}`)).items.filter((p) =>
          ['held', 'confirmed'].includes(p.status),
        );
        expect(holders).toHaveLength(2);
        sampling = false;
        await sampler;

        // Closed by the lead after a confirmation with its reason: the activity releases the seats.
        lead = await openInbox(teamId, undefined, asLead);
        await lead.waitForSelector('body[data-live=true]');
        await lead.locator('[data-testid=close-activity]').click();
        expect(await lead.evaluate<string | undefined>('document.activeElement?.dataset.testid')).toBe(
          'confirm-close',
        );
        await lead.selectOption('[data-testid=close-reason]', 'season-ended');
        await lead.click('[data-testid=confirm-close]');
        await lead.waitForSelector('[data-testid=team-activity][data-status=closed]');
        expect(await activityStatus()).toBe('closed');
        expect(await seats()).toMatchObject({ held: 0, confirmed: 0 });
      } finally {
        sampling = false;
        await sampler;
        await page.close();
        await lead?.close();
      }
      expect(overbooked).toEqual([]);
    });

    it('takes a handover from trajectory ended to its first check-in on the page: first contact, warm handover planned and held, the check-in completed, the referral moved', async () => {
      const municipality = await referral.aMunicipality();
      const teamId = await referral.aTeamServing([municipality]);
      const ended = await referral.trajectoryEnded({ municipalityCode: municipality });
      const youthRef = ended.data.youthRef as string;
      const referralId = (await referral.waitForReferralOf(youthRef, 'the handover referral')).id as string;
      const referralNow = async () =>
        (await referral.http('GET', `/referrals/${referralId}`, { role: 'admin' })).body;
      const first = await taskOf(teamId, (t) => t.step === 'first-contact', 'first-contact step');
      const intake = await taskOf(teamId, (t) => t.type === 'handover-intake', 'handover intake');
      const bram = await authHeader('youth-worker', { teamId, sub: 'worker-bram' });
      const statusLine = async () => {
        await page.waitForSelector('#status.error');
        return page.textContent('#status');
      };
      const page = await openInbox(teamId);
      try {
        await page.waitForSelector('body[data-live=true]');

        // 1. First contact. Bram takes the youngster's follow-up a moment before Anna does: she is
        //    told in Dutch who holds it. He gives it back, and she records first contact.
        await page.locator(`[data-task-id="${first.id}"] [data-testid=open-task]`).click();
        await page.waitForSelector('[data-testid=record-first-contact]');
        expect(await page.locator('[data-testid=first-contact-outcome] option').allTextContents()).toEqual([
          'Bereikt',
          'Niet bereikt',
          'Geweigerd',
        ]);
        const claimRoute = `**/api/v1/workspace/follow-ups/${youthRef}/claim`;
        await page.route(claimRoute, async (route) => {
          await api(sut, `/workspace/follow-ups/${youthRef}/claim`, bram, { method: 'POST' });
          await route.continue();
        });
        await page.click('[data-testid=claim-follow-up]');
        expect(await statusLine()).toBe(
          'Dat lukte niet: Een andere jongerenwerker heeft deze nazorg op naam. Huidige stand: op naam van worker-bram.',
        );
        await page.unroute(claimRoute);
        expect(
          (await api(sut, `/workspace/follow-ups/${youthRef}/release`, bram, { method: 'POST' })).status,
        ).toBe(200);
        await page.waitForSelector('[data-testid=follow-up-holder]:has-text("het team")');
        await page.click('[data-testid=claim-follow-up]');
        await page.waitForSelector('[data-testid=follow-up-holder]:has-text("worker-anna")');
        await page.selectOption('[data-testid=first-contact-outcome]', 'reached');
        await page.click('[data-testid=record-first-contact]');
        await page.waitForSelector('[data-testid=detail][data-status=done]', { timeout: 15000 });
        expect((await tasksOf(sut, teamId, '&status=done')).find((t) => t.id === first.id)).toMatchObject({
          outcome: 'reached',
          completedBy: 'worker-anna',
        });
        await waitFor(async () => (await referralNow()).status === 'in-progress', {
          timeoutMs: 15000,
          description: 'the referral in progress after first contact',
        });

        // 2. The warm handover, planned on the handover intake and then recorded as held.
        await page.click('[data-testid=back]');
        await page.locator(`[data-task-id="${intake.id}"] [data-testid=open-task]`).click();
        await page.waitForSelector('[data-testid=plan-warm-handover]');
        expect(await page.textContent('[data-testid=referral-status]')).toBe('Loopt');
        await page.check('[data-testid=role-guardian]');
        await page.click('[data-testid=plan-warm-handover]');
        await page.waitForSelector('[data-testid=took-place]', { timeout: 15000 });
        expect((await referralNow()).warmHandover).toMatchObject({
          participantRoles: ['care-worker', 'youth-worker', 'youth', 'guardian'],
        });
        const meeting = await taskOf(teamId, (t) => t.type === 'warm-handover', 'the warm handover task');
        await page.screenshot({ path: join(artifacts, '7-warm-handover.png'), fullPage: true });
        expect(await seriousViolations(page)).toEqual([]);
        // By keyboard: once planned, focus is on Vond plaats.
        await waitFor(
          async () =>
            (await page.evaluate<string | undefined>('document.activeElement?.dataset.testid')) ===
            'took-place',
          { description: 'focus on Vond plaats' },
        );
        await page.keyboard.press('Enter');
        await page.waitForSelector('[data-testid=warm-handover-result]', { timeout: 15000 });
        expect(await page.textContent('[data-testid=warm-handover-result]')).toBe('Vond plaats');
        expect((await referralNow()).warmHandover).toMatchObject({ tookPlace: true });
        await taskOf(
          teamId,
          (t) => t.id === meeting.id && t.status === 'done' && t.outcome === 'done',
          'the warm handover task done from its recorded event',
        );

        // Two workers on one task at once: Bram completes the intake just before Anna, who is told
        // in Dutch that it ended, and how.
        await page.click('[data-testid=back]');
        const intakeCard = page.locator(`[data-task-id="${intake.id}"]`);
        const completeRoute = `**/api/v1/tasks/${intake.id}/complete`;
        await page.route(completeRoute, async (route) => {
          await api(sut, `/tasks/${intake.id}/complete`, bram, {
            method: 'POST',
            body: { outcome: 'not-applicable' },
          });
          await route.continue();
        });
        await intakeCard.locator('[data-testid=outcome]').selectOption('done');
        await intakeCard.locator('[data-testid=complete]').click();
        expect(await statusLine()).toBe(
          'Dat lukte niet: Deze taak is al afgerond of vervallen. Huidige stand: Afgerond, Niet van toepassing.',
        );
        await page.unroute(completeRoute);

        // 3. The scheduler's clock two weeks and a day on: the first check-in appears live.
        const clock = await aSchedulerOn(sut.databaseName);
        try {
          const later = new Date(Date.now() + 15 * 24 * 3600 * 1000);
          await waitFor(async () => (await clock.scheduler.runDueSteps(later, 200)) === 0, {
            description: 'every step due in two weeks created',
          });
        } finally {
          await clock.close();
        }
        const checkIn = await taskOf(teamId, (t) => t.step === 'check-in-2w', 'the first check-in');
        expect(checkIn).toMatchObject({ status: 'claimed', assignee: 'worker-anna' });
        const checkInCard = page.locator(`[data-task-id="${checkIn.id}"]`);
        await checkInCard.waitFor({ timeout: 15000 });
        await checkInCard.locator('[data-testid=open-task]').click();
        await page.selectOption('[data-testid=step-outcome]', 'engaged-in-activity');
        await page.click('[data-testid=complete-step]');
        await page.waitForSelector('[data-testid=detail][data-status=done]', { timeout: 15000 });
        await page.screenshot({ path: join(artifacts, '8-check-in.png'), fullPage: true });
        expect(await seriousViolations(page)).toEqual([]);

        // 4. The referral moved as docs/referral.md says: accepted and in progress on first contact
        //    reached, completed with the check-in's outcome.
        const moved = await waitFor(
          async () => {
            const r = await referralNow();
            return r.status === 'completed' && r;
          },
          { timeoutMs: 15000, description: 'the referral completed after the check-in' },
        );
        expect(moved.outcome).toBe('engaged-in-activity');
        expect(moved.history.map((h: { to: string }) => h.to)).toEqual([
          'requested',
          'accepted',
          'in-progress',
          'completed',
        ]);
      } finally {
        await page.close();
      }
    });
  });

  // Last: the restart test restarts the shared instance.
  describe('the follow-up scheduler in PostgreSQL', () => {
    let second: ServiceUnderTest | undefined;

    beforeAll(async () => {
      second = await startService('notification', {
        env,
        databaseName: sut.databaseName,
        groupId: sut.groupId,
      });
    });

    afterAll(async () => {
      await second?.stop('SIGKILL');
    });

    it('creates every step of several plans exactly once while two instances tick on the same database', async () => {
      const teamId = aTeamId();
      const referrals = Array.from({ length: 4 }, () => {
        const youthRef = aYouthRef();
        return {
          youthRef,
          data: { ...referralCreated(youthRef, teamId, 'after'), municipalityCode: 'GM0307' },
        };
      });
      await kafka.produce(
        REFERRAL,
        referrals.map((r) => cloudEvent(REFERRAL_EVENT_TYPES.created, r.youthRef, r.data)),
      );

      // 4 handover intakes and 4 × 3 follow-up steps.
      await waitFor(async () => (await tasksOf(sut, teamId, '&type=follow-up')).length >= 12, {
        timeoutMs: 30000,
        description: 'all twelve follow-up steps',
      });
      const steps = await tasksOf(sut, teamId, '&type=follow-up');
      expect(steps).toHaveLength(12);
      const keys = steps.map((t) => `${t.referralId}/${t.step}`);
      expect(new Set(keys).size).toBe(12);
      const { rows } = await db.query(
        `SELECT payload->'data'->>'referralId' AS referral, payload->'data'->>'step' AS step, count(*)::int AS n
           FROM outbox_event WHERE event_type = $1 AND payload->'data'->>'type' = 'follow-up'
            AND payload->'data'->>'teamId' = $2
          GROUP BY 1, 2`,
        [TASK_EVENT_TYPES.created, teamId],
      );
      expect(rows).toHaveLength(12);
      expect(rows.every((r: { n: number }) => r.n === 1)).toBe(true);
      const pending = await db.query(
        `SELECT count(*)::int AS n FROM scheduled_step WHERE referral_id = ANY($1) AND status = 'pending'`,
        [referrals.map((r) => r.data.referralId)],
      );
      expect(pending.rows[0].n).toBe(0);
    });

    it('creates a step that came due while the service was down once it is back', async () => {
      const teamId = aTeamId();
      const youthRef = aYouthRef();
      // GM0599: the check-in comes 10 s after the handover. Both instances run while the event is
      // consumed, so no rebalance stands between the event and its first step.
      const data = { ...referralCreated(youthRef, teamId, 'after'), municipalityCode: 'GM0599' };
      await kafka.produce(REFERRAL, [cloudEvent(REFERRAL_EVENT_TYPES.created, youthRef, data)]);
      await waitFor(
        async () => (await tasksOf(sut, teamId, '&type=follow-up')).some((t) => t.step === 'first-contact'),
        { timeoutMs: 30000, description: 'the first-contact step' },
      );
      const { rows } = await db.query(
        `SELECT run_at FROM scheduled_step WHERE referral_id = $1 AND step = $2`,
        [data.referralId, 'check-in-2w'],
      );
      const runAt = new Date(rows[0].run_at).getTime();

      // Every instance down: nobody ticks.
      const stopped = await Promise.all([sut.stop('SIGTERM'), second!.stop('SIGTERM')]);
      second = undefined;
      expect(stopped).toEqual([
        { code: 0, signal: null },
        { code: 0, signal: null },
      ]);
      expect(Date.now()).toBeLessThan(runAt); // stopped before the step came due
      await waitFor(() => Date.now() > runAt + 500, {
        timeoutMs: 30000,
        description: 'the check-in to come due while the service is down',
      });
      const whileDown = await db.query(
        `SELECT status FROM scheduled_step WHERE referral_id = $1 AND step = $2`,
        [data.referralId, 'check-in-2w'],
      );
      expect(whileDown.rows[0].status).toBe('pending');

      sut = await sut.restart();
      const steps = await waitFor(
        async () => {
          const found = await tasksOf(sut, teamId, '&type=follow-up');
          return found.length === 2 && found;
        },
        { timeoutMs: 30000, description: 'the check-in created after the restart' },
      );
      expect(steps.map((t) => t.step).sort()).toEqual(['check-in-2w', 'first-contact']);
    });
  });
});
