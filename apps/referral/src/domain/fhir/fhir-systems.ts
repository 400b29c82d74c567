/**
 * The URIs of Samenspel's identifiers and code systems in FHIR resources (docs/referral.md, "FHIR").
 * The youngster is only ever a pseudonymous identifier: no Patient resource exists.
 */
export const FHIR_SYSTEMS = {
  youthRef: 'https://samenspel.nl/fhir/sid/youth-ref',
  team: 'https://samenspel.nl/fhir/sid/team-id',
  organisation: 'https://samenspel.nl/fhir/sid/organisation',
  referralReason: 'https://samenspel.nl/fhir/CodeSystem/referral-reason',
  statusReason: 'https://samenspel.nl/fhir/CodeSystem/referral-status-reason',
  outcome: 'https://samenspel.nl/fhir/CodeSystem/referral-outcome',
  outputType: 'https://samenspel.nl/fhir/CodeSystem/referral-output',
  direction: 'https://samenspel.nl/fhir/CodeSystem/referral-direction',
  phase: 'https://samenspel.nl/fhir/CodeSystem/referral-phase',
  theme: 'https://samenspel.nl/fhir/CodeSystem/theme',
  consentRule: 'https://samenspel.nl/fhir/CodeSystem/consent-by-age',
  problem: 'https://samenspel.nl/problems',
} as const;

/** The one output a Task carries: how the referral ended. */
export const OUTCOME_OUTPUT = 'outcome';

/** A FHIR resource id: at most 64 letters, digits, '-' and '.'. */
export const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** A referral's id, and so the id of its Task, ServiceRequest and Consent: a UUID. */
export const REFERRAL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
