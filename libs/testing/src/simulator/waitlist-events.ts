import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { WaitlistExitReason } from '@samenspel/contracts';
import type { IHeaders } from 'kafkajs';

/** Synthetic intake systems: each prefixes its waitlistEntryIds with its own code. */
export const INTAKE_SYSTEMS = [
  {
    source: 'urn:jeugdzorg:intake:regio-utrecht',
    prefix: 'UTR',
    municipalities: ['GM0344'],
    postcodes: ['3511', '3521', '3531', '3553', '3562', '3581', '3584'],
  },
  {
    source: 'urn:jeugdzorg:intake:regio-amersfoort',
    prefix: 'AMF',
    municipalities: ['GM0307'],
    postcodes: ['3811', '3813', '3817', '3822', '3824'],
  },
] as const;

export const CARE_CATEGORIES = [
  'jeugdhulp-ambulant',
  'jeugd-ggz',
  'jeugdhulp-dagbehandeling',
  'pleegzorg',
] as const;
/** Mostly words of the activity theme vocabulary, and now and then one outside it (kept, not matched). */
export const INTERESTS = [
  'sport',
  'music',
  'creative',
  'gaming',
  'girls-group',
  'boys-group',
  'wellbeing',
  'outdoor',
  'cooking',
  'media',
  'skateboarding',
] as const;

export type ConsentGiver = 'youth' | 'guardian' | 'youth-and-guardian';

export interface EnteredOverrides {
  waitlistEntryId?: string;
  youthRef?: string;
  ageYears?: number;
  postcode4?: string;
  municipalityCode?: string;
  careCategory?: string;
  expectedWaitWeeks?: number;
  interests?: string[];
  consent?: { youthWork: boolean; givenBy: ConsentGiver; givenAt: string };
  enteredAt?: string;
}

export interface SyntheticEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  time: string;
  datacontenttype: 'application/json';
  subject?: string;
  data: Record<string, unknown>;
}

const pick = <T>(items: readonly T[]): T => items[randomInt(items.length)];

export function aSyntheticYouthRef(): string {
  return `yr_${randomBytes(6).toString('hex')}`;
}

/** The consent that is valid at this age (Jeugdwet ages): guardian under 12, both 12-15, the youngster from 16. */
export function validConsentFor(ageYears: number): ConsentGiver {
  if (ageYears < 12) return 'guardian';
  if (ageYears < 16) return 'youth-and-guardian';
  return 'youth';
}

export function enteredEvent(source: string, overrides: EnteredOverrides = {}): SyntheticEvent {
  const system = INTAKE_SYSTEMS.find((s) => s.source === source) ?? INTAKE_SYSTEMS[0];
  const ageYears = overrides.ageYears ?? randomInt(10, 21);
  const data = {
    waitlistEntryId:
      overrides.waitlistEntryId ?? `${system.prefix}-WL-2026-${randomBytes(5).toString('hex')}`,
    youthRef: overrides.youthRef ?? aSyntheticYouthRef(),
    ageYears,
    postcode4: overrides.postcode4 ?? pick(system.postcodes),
    municipalityCode: overrides.municipalityCode ?? pick(system.municipalities),
    careCategory: overrides.careCategory ?? pick(CARE_CATEGORIES),
    expectedWaitWeeks: overrides.expectedWaitWeeks ?? randomInt(4, 27),
    interests: overrides.interests ?? [...new Set([pick(INTERESTS), pick(INTERESTS)])],
    consent: overrides.consent ?? {
      youthWork: true,
      givenBy: validConsentFor(ageYears),
      givenAt: new Date(Date.now() - 7 * 86400000).toISOString(),
    },
    enteredAt: overrides.enteredAt ?? new Date().toISOString(),
  };
  return envelope(source, 'nl.jeugdzorg.waitlist.entered.v1', data);
}

export function updatedEvent(
  source: string,
  data: { waitlistEntryId: string; youthRef: string } & Record<string, unknown>,
): SyntheticEvent {
  return envelope(source, 'nl.jeugdzorg.waitlist.updated.v1', data);
}

export function exitedEvent(
  source: string,
  data: {
    waitlistEntryId: string;
    youthRef: string;
    reason: WaitlistExitReason;
    exitedAt?: string;
  },
): SyntheticEvent {
  return envelope(source, 'nl.jeugdzorg.waitlist.exited.v1', { exitedAt: new Date().toISOString(), ...data });
}

/** A care trajectory that ended (jeugdzorg.trajectory.v1), the trigger for aftercare referrals. */
export function trajectoryEndedEvent(
  source: string,
  youthRef: string,
  ageYears: number,
  municipalityCode: string,
  postcode4: string,
): SyntheticEvent {
  return envelope(source, 'nl.jeugdzorg.trajectory.ended.v1', {
    youthRef,
    ageYears,
    postcode4,
    municipalityCode,
    trajectoryId: `TRJ-${randomBytes(5).toString('hex')}`,
    endedAt: new Date().toISOString(),
    endReason: '31',
    followUpWanted: Math.random() < 0.6,
    interests: [pick(INTERESTS)],
    consent: { youthWork: true, givenBy: validConsentFor(ageYears), givenAt: new Date().toISOString() },
    careProvider: { organisation: 'Zorgaanbieder Synthetisch' },
  });
}

function envelope(source: string, type: string, data: Record<string, unknown>): SyntheticEvent {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source,
    type,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    ...(typeof data.waitlistEntryId === 'string' && { subject: data.waitlistEntryId }),
    data,
  };
}

export interface KafkaRecord {
  key: string;
  value: string;
  headers: IHeaders;
}

/** CloudEvents Kafka binding: structured mode (the value is the whole event) or binary mode (ce_ headers, the value is the data). */
export function toRecord(event: SyntheticEvent, mode: 'structured' | 'binary'): KafkaRecord {
  const key = String(event.data.youthRef);
  if (mode === 'structured') {
    return { key, value: JSON.stringify(event), headers: { 'content-type': 'application/cloudevents+json' } };
  }
  const headers: IHeaders = { 'content-type': 'application/json' };
  for (const [name, value] of Object.entries(event)) {
    if (name !== 'data' && name !== 'datacontenttype') headers[`ce_${name}`] = String(value);
  }
  return { key, value: JSON.stringify(event.data), headers };
}
