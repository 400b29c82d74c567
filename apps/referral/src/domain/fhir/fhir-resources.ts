import type {
  Bundle,
  CodeableConcept,
  Consent,
  Narrative,
  Organization,
  Reference,
  Resource,
  ServiceRequest,
  Task,
} from 'fhir/r4';
import type { ReferralOutcome, ReferralStatus } from '../referral-state-machine';
import { FHIR_ID, FHIR_SYSTEMS, OUTCOME_OUTPUT } from './fhir-systems';

/** What the FHIR resources of a referral are made of: pseudonymous facts only, never a note. */
export interface FhirReferral {
  id: string;
  direction: 'care-to-youth-work' | 'youth-work-to-care';
  phase: 'before' | 'during' | 'after';
  youthRef: string;
  ageYears: number;
  reason: string;
  themes: string[];
  consentGivenBy: string;
  consentGivenAt: Date;
  referredByOrganisation: string;
  referringTeamId: string | null;
  receivingTeamId: string | null;
  receivingOrganisation: string | null;
  status: ReferralStatus;
  outcome: ReferralOutcome | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface FhirTeam {
  teamId: string;
  name: string;
  organisation: string;
  updatedAt: Date;
}

const iso = (at: Date) => new Date(at).toISOString();

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** A one-line generated narrative, so that a reader without our code systems sees what a resource is. */
export function narrative(summary: string): Narrative {
  const text = summary.replace(/[&<>"]/g, (c) => XML_ESCAPES[c]);
  return { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml"><p>${text}</p></div>` };
}
const coded = (system: string, code: string): CodeableConcept => ({ coding: [{ system, code }] });

/** The youngster, as a pseudonymous identifier: never a Patient that could be read. */
export function youngster(youthRef: string): Reference {
  return { type: 'Patient', identifier: { system: FHIR_SYSTEMS.youthRef, value: youthRef } };
}

/** A team as an Organization: by reference when its id is a FHIR id, else by identifier. */
export function teamReference(teamId: string): Reference {
  return FHIR_ID.test(teamId)
    ? { reference: `Organization/${teamId}` }
    : { type: 'Organization', identifier: { system: FHIR_SYSTEMS.team, value: teamId } };
}

function organisationReference(organisation: string): Reference {
  return { type: 'Organization', identifier: { system: FHIR_SYSTEMS.organisation, value: organisation } };
}

/** Who asked: the referring youth-work team, or the referring care organisation. */
function requesterOf(r: FhirReferral): Reference {
  return r.referringTeamId
    ? teamReference(r.referringTeamId)
    : organisationReference(r.referredByOrganisation);
}

/** Who works it: the receiving youth-work team, or the care organisation asked (if known). */
function ownerOf(r: FhirReferral): Reference | undefined {
  if (r.direction === 'care-to-youth-work') {
    return r.receivingTeamId ? teamReference(r.receivingTeamId) : undefined;
  }
  return r.receivingOrganisation ? organisationReference(r.receivingOrganisation) : undefined;
}

const versioned = (r: FhirReferral) => ({ versionId: String(r.version), lastUpdated: iso(r.updatedAt) });

/**
 * The referral as the Gravity closed-loop Task: its status is the referral's, its focus the
 * ServiceRequest, its output how it ended. `statusReason` is the reason code of the last move.
 */
export function toTask(r: FhirReferral, statusReason?: string | null): Task {
  const owner = ownerOf(r);
  return {
    resourceType: 'Task',
    id: r.id,
    meta: versioned(r),
    text: narrative(`Referral task, ${r.status}`),
    status: r.status,
    ...(statusReason ? { statusReason: coded(FHIR_SYSTEMS.statusReason, statusReason) } : {}),
    intent: 'order',
    code: coded('http://hl7.org/fhir/CodeSystem/task-code', 'fulfill'),
    focus: { reference: `ServiceRequest/${r.id}` },
    for: youngster(r.youthRef),
    authoredOn: iso(r.createdAt),
    lastModified: iso(r.updatedAt),
    requester: requesterOf(r),
    ...(owner ? { owner } : {}),
    ...(r.outcome
      ? {
          output: [
            {
              type: coded(FHIR_SYSTEMS.outputType, OUTCOME_OUTPUT),
              valueCodeableConcept: coded(FHIR_SYSTEMS.outcome, r.outcome),
            },
          ],
        }
      : {}),
  };
}

/** The request stays active while the Task is open, and ends as the Task ends. */
const SERVICE_REQUEST_STATUS: Record<ReferralStatus, ServiceRequest['status']> = {
  requested: 'active',
  accepted: 'active',
  'in-progress': 'active',
  'on-hold': 'on-hold',
  completed: 'completed',
  rejected: 'revoked',
  cancelled: 'revoked',
  failed: 'revoked',
};

/** What was asked: the direction, the phase (category), the reason, the themes, and when. */
export function toServiceRequest(r: FhirReferral): ServiceRequest {
  const owner = ownerOf(r);
  return {
    resourceType: 'ServiceRequest',
    id: r.id,
    meta: versioned(r),
    text: narrative(`Referral ${r.direction}, ${r.phase} care, for ${r.reason}`),
    status: SERVICE_REQUEST_STATUS[r.status],
    intent: 'order',
    category: [coded(FHIR_SYSTEMS.phase, r.phase)],
    code: coded(FHIR_SYSTEMS.direction, r.direction),
    ...(r.themes.length ? { orderDetail: r.themes.map((theme) => coded(FHIR_SYSTEMS.theme, theme)) } : {}),
    subject: youngster(r.youthRef),
    authoredOn: iso(r.createdAt),
    requester: requesterOf(r),
    ...(owner ? { performer: [owner] } : {}),
    reasonCode: [coded(FHIR_SYSTEMS.referralReason, r.reason)],
    supportingInfo: [{ reference: `Consent/${r.id}` }],
  };
}

/**
 * Who must consent at an age, under the Dutch WGBO: a parent or guardian under 12, both from 12
 * to 15, the youngster from 16 (the rule consentByAge checks).
 */
export function consentRuleFor(ageYears: number): 'guardian' | 'youth-and-guardian' | 'youth' {
  if (ageYears < 12) return 'guardian';
  return ageYears < 16 ? 'youth-and-guardian' : 'youth';
}

const CONSENT_RULE_TEXT =
  'Dutch WGBO consent by age: a parent or guardian under 12, both from 12 to 15, the youngster from 16';

function performersOf(givenBy: string, youthRef: string): Reference[] {
  const youth = givenBy === 'youth' || givenBy === 'youth-and-guardian';
  const guardian = givenBy === 'guardian' || givenBy === 'youth-and-guardian';
  return [
    ...(youth ? [youngster(youthRef)] : []),
    ...(guardian ? [{ type: 'RelatedPerson', display: 'parent or guardian' }] : []),
  ];
}

/** The consent to share the referral with youth work: who gave it, when, and the rule of the age. */
export function toConsent(r: FhirReferral): Consent {
  return {
    resourceType: 'Consent',
    id: r.id,
    meta: versioned(r),
    text: narrative(`Consent to refer to youth work, given by ${r.consentGivenBy}`),
    status: 'active',
    scope: coded('http://terminology.hl7.org/CodeSystem/consentscope', 'patient-privacy'),
    category: [coded('http://loinc.org', '59284-0')],
    patient: youngster(r.youthRef),
    dateTime: iso(r.consentGivenAt),
    performer: performersOf(r.consentGivenBy, r.youthRef),
    policyRule: {
      coding: [{ system: FHIR_SYSTEMS.consentRule, code: consentRuleFor(r.ageYears) }],
      text: CONSENT_RULE_TEXT,
    },
    provision: { type: 'permit' },
  };
}

/** A youth-work team, part of its organisation. */
export function toOrganization(team: FhirTeam): Organization {
  return {
    resourceType: 'Organization',
    id: team.teamId,
    meta: { lastUpdated: iso(team.updatedAt) },
    text: narrative(`Youth-work team ${team.name}`),
    identifier: [{ system: FHIR_SYSTEMS.team, value: team.teamId }],
    active: true,
    name: team.name,
    partOf: { ...organisationReference(team.organisation), display: team.organisation },
  };
}

/** A page of search matches; `base` is the absolute URL of /fhir, `self` the query asked. */
export function toSearchset<R extends Resource & { id?: string }>(
  base: string,
  resources: R[],
  page: { total: number; self: string; next?: string },
): Bundle<R> {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: page.total,
    link: [
      { relation: 'self', url: page.self },
      ...(page.next ? [{ relation: 'next', url: page.next }] : []),
    ],
    entry: resources.map((resource) => ({
      fullUrl: `${base}/${resource.resourceType}/${resource.id}`,
      resource,
      search: { mode: 'match' as const },
    })),
  };
}
