import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { TokenVerifier } from '@samenspel/http';
import type { Request } from 'express';
import { generateKeyPair } from 'jose';
import { startLocalKeySet, type LocalKeySet } from '../../../../libs/http/test/local-key-set';
import { authenticateStream } from './stream-authentication';

const MAX_QUERY_TOKEN_TTL_SECONDS = 600;
let keys: LocalKeySet;
let verifier: TokenVerifier;
beforeAll(async () => {
  keys = await startLocalKeySet();
  verifier = new TokenVerifier(keys.settings);
});
afterAll(() => keys.close());

const withHeader = (token: string) =>
  ({ headers: { authorization: `Bearer ${token}` }, query: {} }) as Request;
const withQuery = (token: string) => ({ headers: {}, query: { access_token: token } }) as unknown as Request;

/** A validly signed five-minute token whose role Samenspel does not know. */
function unknownRoleToken(): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return keys.signPayload({
    role: 'superuser',
    sub: 'u-1',
    iss: keys.settings.AUTH_ISSUER,
    aud: keys.settings.AUTH_AUDIENCE,
    iat: now,
    exp: now + 300,
  });
}

describe('authenticateStream', () => {
  it('returns the principal of a valid token in the header or, short-lived, in the URL', async () => {
    const token = await keys.sign({ role: 'ops', sub: 'u-1', expiresIn: '5m' });

    await expect(
      authenticateStream(withHeader(token), verifier, MAX_QUERY_TOKEN_TTL_SECONDS),
    ).resolves.toEqual({
      sub: 'u-1',
      role: 'ops',
    });
    await expect(
      authenticateStream(withQuery(token), verifier, MAX_QUERY_TOKEN_TTL_SECONDS),
    ).resolves.toEqual({
      sub: 'u-1',
      role: 'ops',
    });
  });

  it('answers a valid token without a known role with 403, as the guard does', async () => {
    const token = await unknownRoleToken();

    const authenticating = authenticateStream(withHeader(token), verifier, MAX_QUERY_TOKEN_TTL_SECONDS);

    await expect(authenticating).rejects.toBeInstanceOf(ForbiddenException);
    await expect(authenticating).rejects.toThrow('The bearer token carries no role known to Samenspel');
  });

  it('answers a forged token with 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      role: 'ops',
      sub: 'u-1',
      iss: 'https://idp.samenspel.test',
      aud: 'samenspel',
      iat: now,
      exp: now + 300,
    };
    const token = await keys.signPayload(claims, (await generateKeyPair('RS256')).privateKey);

    await expect(
      authenticateStream(withHeader(token), verifier, MAX_QUERY_TOKEN_TTL_SECONDS),
    ).rejects.toBeInstanceOf(UnauthorizedException);
  });

  it('answers a token in the URL that lives past the limit with 401', async () => {
    // 15 minutes left; the limit for a token in the URL is 10.
    const token = await keys.sign({ role: 'ops', expiresIn: '15m' });

    await expect(authenticateStream(withQuery(token), verifier, MAX_QUERY_TOKEN_TTL_SECONDS)).rejects.toThrow(
      new UnauthorizedException('A token in the URL must expire within 600 s'),
    );
  });
});
