import { OrgClaimMissing } from '@samenspel/contracts';

/** Intake systems name themselves in the CloudEvents `source` of their waitlist events. */
export const INTAKE_SOURCE_PREFIX = 'urn:jeugdzorg:intake:';

/** What the scope needs of a caller's token: its role and, for an intake system, its organisation. */
export interface ScopeCaller {
  role: string;
  org?: string;
}

/**
 * The waitlist-event sources whose entries the caller may read: an intake system only its own
 * organisation's (its `org` claim, bare like `regio-utrecht` or as the full source URN); ops and
 * admin every entry (undefined: no restriction).
 */
export function visibleSources(principal: ScopeCaller): string[] | undefined {
  if (principal.role !== 'intake-system') return undefined;
  const { org } = principal;
  if (!org) throw new OrgClaimMissing();
  return org.startsWith(INTAKE_SOURCE_PREFIX) ? [org] : [`${INTAKE_SOURCE_PREFIX}${org}`];
}
