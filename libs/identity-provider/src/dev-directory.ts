import { DEV_TEAMS, type DevTeamKey } from '@samenspel/contracts';
import { DEV_CLIENT_SECRET, type Role } from '@samenspel/http';

/** The password of every development user. Public: it is in this repository and the README. */
export const DEV_PASSWORD = 'samenspel-dev';

export { DEV_CLIENT_SECRET };

/** The claims Samenspel reads from a token (libs/http principal). */
export interface SamenspelClaims {
  role: Role;
  teamId?: string;
  org?: string;
  /** CBS codes of the municipalities a policy officer sees. */
  municipalityCodes?: string[];
}

/** A person who can sign in to the development provider. */
export interface DevUser {
  username: string;
  /** The display name shown after sign-in (synthetic). */
  name: string;
  claims: SamenspelClaims;
}

/** A page served by a service that signs people in as a confidential client (backend-for-frontend). */
export interface DevPageClient {
  clientId: string;
  clientSecret: string;
  /** The page's origin: redirect URI `<origin>/auth/callback`, post-logout redirect `<origin>/auth/signed-out` or `<origin>/`. */
  origin: string;
}

/** A machine that gets its tokens with the client credentials grant, as itself. */
export interface DevMachineClient {
  clientId: string;
  clientSecret: string;
  claims: SamenspelClaims & { role: 'intake-system' | 'service' };
}

const TEAM_USER_NAMES: Record<DevTeamKey, string> = {
  overvecht: 'Overvecht',
  kanaleneiland: 'Kanaleneiland',
  'amersfoort-noord': 'Amersfoort Noord',
  'kinderwerk-amersfoort': 'Kinderwerk Amersfoort',
};

/**
 * The seeded people: per development team a youth worker `jw-<team>` and a team lead
 * `lead-<team>`, and `admin`, `ops` and the policy officer `beleid-utrecht` (Utrecht, GM0344).
 */
export const DEV_USERS: readonly DevUser[] = [
  ...DEV_TEAMS.flatMap((team): DevUser[] => [
    {
      username: `jw-${team.key}`,
      name: `Jongerenwerker ${TEAM_USER_NAMES[team.key]}`,
      claims: { role: 'youth-worker', teamId: team.id },
    },
    {
      username: `lead-${team.key}`,
      name: `Teamleider ${TEAM_USER_NAMES[team.key]}`,
      claims: { role: 'team-lead', teamId: team.id },
    },
  ]),
  { username: 'admin', name: 'Beheerder', claims: { role: 'admin' } },
  { username: 'ops', name: 'Operations', claims: { role: 'ops' } },
  {
    username: 'beleid-utrecht',
    name: 'Beleidsmedewerker Utrecht',
    claims: { role: 'policy', municipalityCodes: ['GM0344'] },
  },
];

/**
 * The pages that sign people in: the team workspace (notification service) and the operations
 * console. Add a page here to let it sign in at the development provider.
 */
export const DEV_PAGE_CLIENTS: readonly DevPageClient[] = [
  { clientId: 'workspace', clientSecret: DEV_CLIENT_SECRET, origin: 'http://127.0.0.1:3004' },
  { clientId: 'console', clientSecret: DEV_CLIENT_SECRET, origin: 'http://127.0.0.1:3000' },
];

/**
 * The machines: one client per intake system (role intake-system, its org) and one per service
 * that calls another (role service).
 */
export const DEV_MACHINE_CLIENTS: readonly DevMachineClient[] = [
  {
    clientId: 'intake-simulator',
    clientSecret: DEV_CLIENT_SECRET,
    claims: { role: 'intake-system', org: 'intake-simulator' },
  },
  {
    clientId: 'waitlist-bridging',
    clientSecret: DEV_CLIENT_SECRET,
    claims: { role: 'service' },
  },
];
