const STEPS: Record<string, string> = {
  'nl.jeugdzorg.waitlist.entered.v1': 'waitlist entered',
  'nl.jeugdzorg.waitlist.updated.v1': 'waitlist entry updated',
  'nl.jeugdzorg.waitlist.exited.v1': 'left the waitlist',
  'nl.jeugdzorg.trajectory.ended.v1': 'care trajectory ended',
  'nl.jeugdzorg.referral.requested.v1': 'referral requested by youth care',
  'nl.jeugdzorg.referral.accepted.v1': 'referral accepted by youth care',
  'nl.jeugdzorg.referral.rejected.v1': 'referral rejected by youth care',
  'nl.jeugdzorg.youth.erasure-requested.v1': 'erasure requested',
  'nl.samenspel.bridging.offered.v1': 'bridging offer',
  'nl.samenspel.bridging.accepted.v1': 'offer accepted',
  'nl.samenspel.bridging.declined.v1': 'offer declined',
  'nl.samenspel.bridging.expired.v1': 'offer expired',
  'nl.samenspel.bridging.offer-withdrawn.v1': 'offer withdrawn',
  'nl.samenspel.bridging.queued.v1': 'queued for an offer',
  'nl.samenspel.bridging.no-match.v1': 'no matching activity',
  'nl.samenspel.bridging.consent-missing.v1': 'consent missing (bridging)',
  'nl.samenspel.bridging.ended.v1': 'bridging ended',
  'nl.samenspel.team.created.v1': 'team created',
  'nl.samenspel.team.updated.v1': 'team updated',
  'nl.samenspel.activity.published.v1': 'activity published',
  'nl.samenspel.activity.updated.v1': 'activity updated',
  'nl.samenspel.activity.closed.v1': 'activity closed',
  'nl.samenspel.placement.held.v1': 'placement held',
  'nl.samenspel.placement.confirmed.v1': 'placement confirmed',
  'nl.samenspel.placement.released.v1': 'placement released',
  'nl.samenspel.placement.cancelled.v1': 'placement cancelled',
  'nl.samenspel.placement.completed.v1': 'placement completed',
  'nl.samenspel.attendance.recorded.v1': 'attendance recorded',
  'nl.samenspel.referral.created.v1': 'handover / referral created',
  'nl.samenspel.referral.status-changed.v1': 'referral status changed',
  'nl.samenspel.referral.requested.v1': 'referral to youth care',
  'nl.samenspel.referral.consent-missing.v1': 'consent missing (referral)',
  'nl.samenspel.referral.warm-handover-planned.v1': 'warm handover planned',
  'nl.samenspel.referral.warm-handover-recorded.v1': 'warm handover outcome recorded',
  'nl.samenspel.task.created.v1': 'task created',
  'nl.samenspel.task.claimed.v1': 'task claimed',
  'nl.samenspel.task.completed.v1': 'task completed',
  'nl.samenspel.task.cancelled.v1': 'task cancelled',
  'nl.samenspel.task.overdue.v1': 'task overdue',
  'nl.samenspel.youth.erased.v1': 'erased',
};

/** The words a timeline shows for a ledger row. */
export function stepLabel(type: string | null, deadLetter: boolean, valid: boolean): string {
  if (deadLetter) return `dead-lettered${type ? `: ${STEPS[type] ?? type}` : ''}`;
  if (!valid || !type) return 'invalid event';
  return STEPS[type] ?? type;
}
