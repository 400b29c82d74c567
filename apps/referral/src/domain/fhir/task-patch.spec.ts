import type { Task } from 'fhir/r4';
import { toTask, type FhirReferral } from './fhir-resources';
import { FHIR_SYSTEMS } from './fhir-systems';
import { moveFromPatch } from './task-patch';

const referral: FhirReferral = {
  id: '6f0d3c2a-5b1e-4c8d-9a7f-2e4b6c8d0a1f',
  direction: 'care-to-youth-work',
  phase: 'during',
  youthRef: 'yr_0123456789',
  ageYears: 14,
  reason: 'leisure',
  themes: ['music'],
  consentGivenBy: 'youth-and-guardian',
  consentGivenAt: new Date('2026-11-01T09:00:00Z'),
  referredByOrganisation: 'zorg-utrecht',
  referringTeamId: null,
  receivingTeamId: 'team-1',
  receivingOrganisation: null,
  status: 'in-progress',
  outcome: null,
  version: 3,
  createdAt: new Date('2026-11-02T09:00:00Z'),
  updatedAt: new Date('2026-11-03T09:00:00Z'),
};
const inProgress: Task = toTask(referral);
const onHoldWithReason: Task = toTask({ ...referral, status: 'on-hold' }, 'unreachable');

const status = (value: unknown) => ({ op: 'replace', path: '/status', value });
const reason = (code: string, system: string = FHIR_SYSTEMS.statusReason) => ({
  op: 'add',
  path: '/statusReason',
  value: { coding: [{ system, code }] },
});
const outcome = (code: string) => ({
  op: 'add',
  path: '/output',
  value: [
    {
      type: { coding: [{ system: FHIR_SYSTEMS.outputType, code: 'outcome' }] },
      valueCodeableConcept: { coding: [{ system: FHIR_SYSTEMS.outcome, code }] },
    },
  ],
});

describe('moveFromPatch: the status move a JSON Patch of a Task asks for', () => {
  it.each([
    ['a status alone', inProgress, [status('on-hold')], { to: 'on-hold' }],
    [
      'a status and its reason',
      inProgress,
      [status('failed'), reason('moved')],
      { to: 'failed', reasonCode: 'moved' },
    ],
    [
      'completing with an outcome',
      inProgress,
      [status('completed'), outcome('help-found')],
      { to: 'completed', outcome: 'help-found' },
    ],
    [
      'a move after a test that holds',
      inProgress,
      [{ op: 'test', path: '/status', value: 'in-progress' }, status('on-hold')],
      { to: 'on-hold' },
    ],
    // The reason of the move before is the Task's, not this move's.
    [
      'a move that leaves the last reason as it was',
      onHoldWithReason,
      [status('in-progress')],
      { to: 'in-progress' },
    ],
    [
      'a move that removes the last reason',
      onHoldWithReason,
      [status('in-progress'), { op: 'remove', path: '/statusReason' }],
      { to: 'in-progress' },
    ],
  ])('reads %s', (_case, task, patch, move) => {
    expect(moveFromPatch(task, patch)).toEqual(move);
  });

  it.each([
    [
      'an object instead of a list',
      { op: 'replace', path: '/status', value: 'on-hold' },
      'validation-failed',
    ],
    ['an empty list', [], 'validation-failed'],
    ['21 operations', Array.from({ length: 21 }, () => status('on-hold')), 'validation-failed'],
    ['a move operation', [{ op: 'move', from: '/status', path: '/intent' }], 'validation-failed'],
    ['a replace without a value', [{ op: 'replace', path: '/status' }], 'validation-failed'],
    ['a path into nothing', [{ op: 'replace', path: '/note/0/text', value: 'x' }], 'validation-failed'],
    [
      'a replace of an absent element',
      [{ op: 'replace', path: '/businessStatus', value: {} }],
      'validation-failed',
    ],
    ['the whole document', [{ op: 'replace', path: '/', value: {} }], 'validation-failed'],
    [
      'a change of the intent',
      [status('on-hold'), { op: 'replace', path: '/intent', value: 'plan' }],
      'unsupported-change',
    ],
    [
      'a note',
      [status('on-hold'), { op: 'add', path: '/note', value: [{ text: 'x' }] }],
      'unsupported-change',
    ],
    ['no move at all', [status('in-progress')], 'unsupported-change'],
    ['a status no referral takes', [status('draft')], 'illegal-transition'],
    [
      'a reason of another code system',
      [status('failed'), reason('moved', 'http://example.org/reasons')],
      'validation-failed',
    ],
    ['a reason that is no reason code', [status('failed'), reason('bored')], 'validation-failed'],
    ['an outcome that is no outcome', [status('completed'), outcome('happy')], 'validation-failed'],
    [
      'a test that fails',
      [{ op: 'test', path: '/status', value: 'accepted' }, status('on-hold')],
      'patch-test-failed',
    ],
  ])('refuses %s', (_case, patch, code) => {
    expect(() => moveFromPatch(inProgress, patch)).toThrow(expect.objectContaining({ code }));
  });

  it('names no value from the patch in its refusal', () => {
    const secret = 'Jan de Vries, 06-12345678';
    const refusals = [
      [status('on-hold'), { op: 'add', path: '/note', value: [{ text: secret }] }],
      [status(secret)],
      [status('failed'), reason(secret)],
    ].map((patch) => {
      try {
        moveFromPatch(inProgress, patch);
        return 'no refusal';
      } catch (error) {
        return JSON.stringify({ message: (error as Error).message, ...(error as object) });
      }
    });
    expect(refusals.filter((r) => r.includes(secret) || r === 'no refusal')).toEqual([]);
  });
});
