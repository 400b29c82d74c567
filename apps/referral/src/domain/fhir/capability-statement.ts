import type { CapabilityStatement, CapabilityStatementRestResource } from 'fhir/r4';
import { narrative } from './fhir-resources';
import { FHIR_SYSTEMS } from './fhir-systems';

/** How a FHIR client learns of changes: stated in the CapabilityStatement and in docs/referral.md. */
export const CHANGES_BY_POLLING =
  'A client learns of changes by polling GET /fhir/Task with _lastUpdated=ge a few seconds before the newest ' +
  'meta.lastUpdated it has seen, skipping the meta.versionId values it already has; results come oldest change first. ' +
  'Every change of a referral (a status move, a warm handover) moves its meta.lastUpdated and meta.versionId. ' +
  'No Subscription is offered.';

const READ_ONLY = (
  type: CapabilityStatementRestResource['type'],
  documentation: string,
): CapabilityStatementRestResource => ({
  type,
  documentation,
  interaction: [{ code: 'read' }],
  versioning: 'versioned',
  readHistory: false,
});

const SEARCH_PARAMETER = (name: string, type: 'token' | 'reference' | 'date', definition: string) => ({
  name,
  type,
  definition: `http://hl7.org/fhir/SearchParameter/${definition}`,
});

/** What /fhir implements, and nothing more: the Gravity closed-loop referral, read and moved by its Task. */
export function capabilityStatement(options: { base: string; version: string; date: string }) {
  const statement: CapabilityStatement = {
    resourceType: 'CapabilityStatement',
    text: narrative('Samenspel referral service: FHIR R4 Task, ServiceRequest, Consent and Organization'),
    name: 'SamenspelReferral',
    title: 'Samenspel referral service',
    status: 'active',
    date: options.date,
    publisher: 'Samenspel',
    description:
      'Closed-loop referrals between youth care and youth work after the Gravity SDOH pattern. ' +
      `The youngster is never a Patient resource: Task.for and ServiceRequest.subject name the pseudonymous youthRef (${FHIR_SYSTEMS.youthRef}).`,
    kind: 'instance',
    software: { name: 'Samenspel referral', version: options.version },
    implementation: { description: 'Samenspel referral service', url: options.base },
    fhirVersion: '4.0.1',
    format: ['json'],
    patchFormat: ['application/json-patch+json'],
    rest: [
      {
        mode: 'server',
        documentation: CHANGES_BY_POLLING,
        security: {
          service: [
            {
              coding: [
                { system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'OAuth' },
              ],
            },
          ],
          description:
            'The bearer JWTs of the REST API, with the same roles and team and organisation scoping. ' +
            '/fhir/metadata needs no token.',
        },
        resource: [
          {
            type: 'Task',
            documentation:
              'The referral. The receiving team moves it with PATCH (application/json-patch+json) on status, ' +
              `statusReason (${FHIR_SYSTEMS.statusReason}) and output (${FHIR_SYSTEMS.outcome}), ` +
              'under the rules of the REST API: an illegal move is 422, a stale If-Match 412. ' +
              '_lastUpdated takes gt, ge, lt and le; results come oldest change first.',
            interaction: [{ code: 'read' }, { code: 'patch' }, { code: 'search-type' }],
            versioning: 'versioned',
            readHistory: false,
            updateCreate: false,
            conditionalUpdate: false,
            searchParam: [
              SEARCH_PARAMETER('status', 'token', 'Task-status'),
              SEARCH_PARAMETER('owner', 'reference', 'Task-owner'),
              SEARCH_PARAMETER('focus', 'reference', 'Task-focus'),
              SEARCH_PARAMETER('_lastUpdated', 'date', 'Resource-lastUpdated'),
            ],
          },
          READ_ONLY('ServiceRequest', 'What the referral asks: direction, phase, reason, themes, when'),
          READ_ONLY('Consent', 'Who consented to the referral, when, and the rule of the age'),
          { ...READ_ONLY('Organization', 'A youth-work team'), versioning: 'no-version' },
        ],
      },
    ],
  };
  return statement;
}
