import { claimAt, claimMappingOf, DEFAULT_CLAIM_MAPPING, parseRoleMap } from './claim-mapping';
import { principalFromClaims, UnknownRoleError } from './principal';

describe('claimAt', () => {
  const claims = {
    role: 'ops',
    realm_access: { roles: ['offline_access', 'samenspel-ops'] },
    'https://samenspel.example/team': 't-9',
    https: { 'samenspel.example/team': 'nested' },
    groups: [{ name: 'a' }],
  };

  it.each([
    ['role', 'ops'],
    ['realm_access.roles', ['offline_access', 'samenspel-ops']],
    // A namespaced claim's own name wins over the path its dots would spell.
    ['https://samenspel.example/team', 't-9'],
    ['realm_access.missing', undefined],
    ['role.deeper', undefined],
    // Paths do not index into arrays.
    ['groups.0.name', undefined],
    ['toString', undefined],
  ])('reads %s as %j', (path, value) => {
    expect(claimAt(claims, path)).toEqual(value);
  });
});

describe('principalFromClaims with a claim mapping', () => {
  const keycloak = claimMappingOf({
    ...settingsWith(),
    AUTH_CLAIM_ROLE: 'realm_access.roles',
    AUTH_CLAIM_TEAM_ID: 'team_id',
    AUTH_CLAIM_MUNICIPALITY_CODES: 'municipality_codes',
    AUTH_ROLE_MAP:
      'samenspel-youth-worker=youth-worker,samenspel-team-lead=team-lead,samenspel-policy=policy',
  });
  const entra = claimMappingOf({
    ...settingsWith(),
    AUTH_CLAIM_ROLE: 'roles',
    AUTH_CLAIM_TEAM_ID: 'extension_teamId',
    AUTH_ROLE_MAP: 'Samenspel.Ops=ops,Samenspel.Admin=admin',
  });

  it.each([
    [
      'Keycloak realm roles among its own',
      keycloak,
      {
        sub: 'k-1',
        realm_access: { roles: ['offline_access', 'uma_authorization', 'samenspel-youth-worker'] },
        team_id: 't-1',
      },
      { sub: 'k-1', role: 'youth-worker', teamId: 't-1' },
    ],
    [
      'a Keycloak multivalued attribute as municipalityCodes',
      keycloak,
      { sub: 'k-2', realm_access: { roles: ['samenspel-policy'] }, municipality_codes: ['GM0344', 'GM0307'] },
      { sub: 'k-2', role: 'policy', municipalityCodes: ['GM0344', 'GM0307'] },
    ],
    ['an Entra ID app role', entra, { sub: 'e-1', roles: ['Samenspel.Ops'] }, { sub: 'e-1', role: 'ops' }],
    [
      'a role name the map does not list, taken as it is',
      entra,
      { sub: 'e-2', roles: ['intake-system'], org: 'regio-utrecht' },
      { sub: 'e-2', role: 'intake-system', org: 'regio-utrecht' },
    ],
    [
      'the same role twice',
      entra,
      { sub: 'e-3', roles: ['Samenspel.Admin', 'admin'] },
      { sub: 'e-3', role: 'admin' },
    ],
    [
      'Samenspel names by default',
      DEFAULT_CLAIM_MAPPING,
      { sub: 'd-1', role: 'team-lead', teamId: 't-2' },
      { sub: 'd-1', role: 'team-lead', teamId: 't-2' },
    ],
  ])('reads %s', (_, mapping, claims, principal) => {
    expect(principalFromClaims(claims, mapping)).toEqual(principal);
  });

  it.each([
    [
      'only roles Samenspel does not know',
      keycloak,
      { sub: 'k-3', realm_access: { roles: ['offline_access'] } },
      'the token has no known role',
    ],
    [
      'no role claim where the mapping looks',
      keycloak,
      { sub: 'k-4', role: 'admin' },
      'the token has no known role',
    ],
    [
      'two Samenspel roles',
      entra,
      { sub: 'e-4', roles: ['Samenspel.Ops', 'Samenspel.Admin'] },
      'the token has more than one Samenspel role',
    ],
  ])('refuses %s with 403 (UnknownRoleError)', (_, mapping, claims, reason) => {
    expect(() => principalFromClaims(claims, mapping)).toThrow(new UnknownRoleError(reason));
  });

  it('checks the mapped claims as strictly as its own: a youth worker without a team is refused', () => {
    expect(() =>
      principalFromClaims({ sub: 'k-5', realm_access: { roles: ['samenspel-youth-worker'] } }, keycloak),
    ).toThrow('a youth-worker token must carry a teamId');
  });
});

describe('parseRoleMap (AUTH_ROLE_MAP)', () => {
  it('reads comma-separated pairs, spaces allowed', () => {
    expect(parseRoleMap(' a=ops , b = admin,')).toEqual(
      new Map([
        ['a', 'ops'],
        ['b', 'admin'],
      ]),
    );
    expect(parseRoleMap('')).toEqual(new Map());
  });

  it.each([
    ['ops', '"ops" is not providerRole=samenspelRole'],
    ['a=b=c', '"a=b=c" is not providerRole=samenspelRole'],
    ['a=boss', 'boss is not a Samenspel role'],
    ['a=ops,a=admin', 'a is mapped twice'],
  ])('refuses %s', (text, reason) => {
    expect(() => parseRoleMap(text)).toThrow(reason);
  });
});

function settingsWith() {
  return {
    AUTH_JWKS_URL: 'https://idp.example/jwks',
    AUTH_ISSUER: 'https://idp.example',
    AUTH_AUDIENCE: 'samenspel',
    AUTH_CLOCK_TOLERANCE_SECONDS: 30,
    AUTH_MAX_TOKEN_LIFETIME_SECONDS: 3600,
  };
}
