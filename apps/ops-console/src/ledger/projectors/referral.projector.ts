import { addWorkingDays } from '@samenspel/calendar';
import {
  REFERRAL_EVENT_TYPES,
  type ReferralCreatedData,
  type ReferralStatusChangedData,
  type WarmHandoverRecordedData,
} from '@samenspel/contracts';
import { FOLLOW_UP_OUTCOMES_SHOWN, monthOf } from '../../domain/impact';
import { text } from '../ledger-record';
import { countOnce, placeOf, type Projection, type Projector, type ProjectorEntries } from './projector';

const REFERRAL_CLOSED = ['rejected', 'cancelled', 'failed', 'completed'];

/** The impact counts first contact within 5 working days, whatever the stuck-flow rule's threshold. */
const FIRST_CONTACT_WORKING_DAYS = 5;

const created: Projector<ReferralCreatedData> = async (p, d, { youthRef, at }) => {
  const municipalityCode = text(d.municipalityCode);
  const referralId = text(d.referralId);
  if (d.direction === 'youth-work-to-care') {
    countOnce(p, municipalityCode ?? 'unknown', monthOf(at), 'referrals_to_care', referralId);
    if (referralId) {
      await p.flows.referToCare(p.em, {
        referralId,
        municipalityCode: municipalityCode ?? 'unknown',
        createdAt: at,
      });
    }
  }
  if (d.direction !== 'care-to-youth-work') return;
  if (d.phase === 'during') {
    countOnce(p, municipalityCode ?? 'unknown', monthOf(at), 'parallel_referrals', referralId);
  }
  await p.flows.handOver(p.em, { referralId, youthRef, municipalityCode, handedOverAt: at });
  countOnce(p, municipalityCode ?? 'unknown', monthOf(at), 'handovers', referralId);
};

const statusChanged: Projector<ReferralStatusChangedData> = async (p, d, { youthRef, at }) => {
  const to = text(d.to);
  if (to === 'in-progress') await firstContact(p, text(d.referralId), at);
  if (to && REFERRAL_CLOSED.includes(to)) {
    await p.flows.setOnce(p.em, 'handoverClosed', text(d.referralId), at);
  }
  // Care accepted a toeleiding: the only referral of phase before is youth work's to care.
  if (to === 'accepted' && d.phase === 'before') {
    countOnce(p, placeOf(p, youthRef, d), monthOf(at), 'referrals_to_care_accepted', text(d.referralId));
    await p.flows.acceptReferralToCare(p.em, text(d.referralId), at, monthOf(at));
  }
  const outcome = text(d.outcome);
  if (outcome && (FOLLOW_UP_OUTCOMES_SHOWN as readonly string[]).includes(outcome)) {
    countOnce(p, placeOf(p, youthRef, d), monthOf(at), `outcome_${outcome}`, text(d.referralId));
  }
};

/** A warm handover that took place is a meeting with the youngster: the handover's first contact. */
const warmHandoverRecorded: Projector<WarmHandoverRecordedData> = async (p, d, { at }) => {
  if (d.tookPlace === true) await firstContact(p, text(d.referralId), at);
};

/** A handover's first contact, once; counted in the month of the handover when it came in time. */
export async function firstContact(p: Projection, referralId: string | null, at: Date): Promise<void> {
  if (!referralId) return;
  const handover = await p.flows.firstContact(p.em, referralId, at);
  if (!handover) return;
  const handedOverAt = new Date(handover.handedOverAt);
  if (at.getTime() <= addWorkingDays(handedOverAt, FIRST_CONTACT_WORKING_DAYS).getTime()) {
    p.counters.add(
      handover.municipalityCode ?? 'unknown',
      monthOf(handedOverAt),
      'handovers_first_contact_5wd',
    );
  }
}

export const REFERRAL_PROJECTORS: ProjectorEntries = [
  [REFERRAL_EVENT_TYPES.created, created],
  [REFERRAL_EVENT_TYPES.statusChanged, statusChanged],
  [REFERRAL_EVENT_TYPES.warmHandoverRecorded, warmHandoverRecorded],
];
