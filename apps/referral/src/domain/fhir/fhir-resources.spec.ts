import type { ReferralStatus } from '../referral-state-machine';
import {
  consentRuleFor,
  narrative,
  teamReference,
  toConsent,
  toServiceRequest,
  toTask,
  type FhirReferral,
} from './fhir-resources';
import { toOperationOutcome, issueTypeOf } from './operation-outcome';

const referral: FhirReferral = {
  id: '6f0d3c2a-5b1e-4c8d-9a7f-2e4b6c8d0a1f',
  direction: 'care-to-youth-work',
  phase: 'after',
  youthRef: 'yr_0123456789',
  ageYears: 16,
  reason: 'aftercare',
  themes: ['music', 'sports'],
  consentGivenBy: 'youth',
  consentGivenAt: new Date('2026-11-01T09:00:00Z'),
  referredByOrganisation: 'zorg-utrecht',
  referringTeamId: null,
  receivingTeamId: '0b8e7a2c-1d3f-4e5a-8b6c-9d0e1f2a3b4c',
  receivingOrganisation: null,
  status: 'requested',
  outcome: null,
  version: 1,
  createdAt: new Date('2026-11-02T09:00:00Z'),
  updatedAt: new Date('2026-11-02T09:00:00Z'),
};

describe('the FHIR resources of a referral', () => {
  // Dutch WGBO: under 12 a parent or guardian, 12 to 15 both, from 16 the youngster.
  it.each([
    [0, 'guardian'],
    [11, 'guardian'],
    [12, 'youth-and-guardian'],
    [15, 'youth-and-guardian'],
    [16, 'youth'],
    [27, 'youth'],
  ])('asks at age %i for the consent of %s', (age, rule) => {
    expect(consentRuleFor(age)).toBe(rule);
  });

  it.each([
    ['youth', [{ type: 'Patient' }]],
    ['guardian', [{ type: 'RelatedPerson' }]],
    ['youth-and-guardian', [{ type: 'Patient' }, { type: 'RelatedPerson' }]],
  ])('names who consented: %s', (givenBy, performers) => {
    expect(toConsent({ ...referral, consentGivenBy: givenBy }).performer).toEqual(
      performers.map((p) => expect.objectContaining(p)),
    );
  });

  it.each([
    ['requested', 'active'],
    ['accepted', 'active'],
    ['in-progress', 'active'],
    ['on-hold', 'on-hold'],
    ['completed', 'completed'],
    ['rejected', 'revoked'],
    ['cancelled', 'revoked'],
    ['failed', 'revoked'],
  ])('keeps the request of a %s Task %s', (status, requestStatus) => {
    expect(toServiceRequest({ ...referral, status: status as ReferralStatus }).status).toBe(requestStatus);
  });

  it('gives the team that works a referral to youth work as owner, and the care organisation as requester', () => {
    expect(toTask(referral)).toMatchObject({
      owner: { reference: `Organization/${referral.receivingTeamId}` },
      requester: { identifier: { value: 'zorg-utrecht' } },
    });
  });

  it('gives the care organisation asked as owner of a toeleiding, and the youth-work team as requester', () => {
    const toeleiding = toTask({
      ...referral,
      direction: 'youth-work-to-care',
      referringTeamId: 'team-a',
      receivingTeamId: null,
      receivingOrganisation: 'zorg-amersfoort',
    });
    expect(toeleiding).toMatchObject({
      owner: { identifier: { value: 'zorg-amersfoort' } },
      requester: { reference: 'Organization/team-a' },
    });
  });

  it('names a team whose id is no FHIR id by identifier', () => {
    expect(teamReference('team_1')).toEqual({
      type: 'Organization',
      identifier: { system: 'https://samenspel.nl/fhir/sid/team-id', value: 'team_1' },
    });
  });

  it('carries the youngster as a pseudonymous identifier only', () => {
    const resources = [toTask(referral), toServiceRequest(referral), toConsent(referral)];
    expect(resources.map((r) => JSON.stringify(r).match(/"Patient\/|resourceType":"Patient"/))).toEqual([
      null,
      null,
      null,
    ]);
  });

  it('escapes a narrative', () => {
    expect(narrative('Team <B> & "C"').div).toBe(
      '<div xmlns="http://www.w3.org/1999/xhtml"><p>Team &lt;B&gt; &amp; &quot;C&quot;</p></div>',
    );
  });
});

describe('an error as an OperationOutcome', () => {
  it.each([
    [400, 'invalid'],
    [401, 'login'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [406, 'not-supported'],
    [412, 'conflict'],
    [413, 'too-costly'],
    [422, 'business-rule'],
    [429, 'throttled'],
    [418, 'processing'],
    [500, 'exception'],
    [503, 'exception'],
  ])('gives HTTP %i the issue type %s', (status, type) => {
    expect(issueTypeOf(status)).toBe(type);
  });

  it('carries the problem code, its title, its detail and the fields', () => {
    expect(
      toOperationOutcome({
        status: 400,
        code: 'validation-failed',
        title: 'Validation failed',
        detail: 'The request has 1 invalid field(s): status',
        fields: ['status'],
      }).issue,
    ).toEqual([
      {
        severity: 'error',
        code: 'invalid',
        details: {
          coding: [{ system: 'https://samenspel.nl/problems', code: 'validation-failed' }],
          text: 'Validation failed',
        },
        diagnostics: 'The request has 1 invalid field(s): status',
        expression: ['status'],
      },
    ]);
  });
});
