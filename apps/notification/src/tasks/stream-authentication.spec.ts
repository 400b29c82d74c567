import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { signDevToken, TokenVerifier, type AuthSettings } from '@samenspel/http';
import type { Request } from 'express';
import { SignJWT } from 'jose';
import { authenticateStream } from './stream-authentication';

const settings: AuthSettings = {
  JWT_SECRET: 'a-test-secret-that-is-at-least-32-chars',
  AUTH_ISSUER: 'samenspel-test',
  AUTH_AUDIENCE: 'samenspel',
  AUTH_CLOCK_TOLERANCE_SECONDS: 30,
  AUTH_MAX_TOKEN_LIFETIME_SECONDS: 3600,
};
const verifier = new TokenVerifier(settings);
const MAX_QUERY_TOKEN_TTL_SECONDS = 600;

const withHeader = (token: string) =>
  ({ headers: { authorization: `Bearer ${token}` }, query: {} }) as Request;
const withQuery = (token: string) => ({ headers: {}, query: { access_token: token } }) as unknown as Request;

/** A validly signed five-minute token whose role Samenspel does not know. */
function unknownRoleToken(): Promise<string> {
  return new SignJWT({ role: 'superuser' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('u-1')
    .setIssuer(settings.AUTH_ISSUER)
    .setAudience(settings.AUTH_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(settings.JWT_SECRET));
}

describe('authenticateStream', () => {
  it('returns the principal of a valid token in the header or, short-lived, in the URL', async () => {
    const token = await signDevToken(
      { role: 'ops', sub: 'u-1', expiresIn: '5m' },
      settings.JWT_SECRET,
      settings.AUTH_ISSUER,
      settings.AUTH_AUDIENCE,
    );

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
    const token = await signDevToken(
      { role: 'ops' },
      'another-secret-of-at-least-32-characters',
      settings.AUTH_ISSUER,
      settings.AUTH_AUDIENCE,
    );

    await expect(
      authenticateStream(withHeader(token), verifier, MAX_QUERY_TOKEN_TTL_SECONDS),
    ).rejects.toBeInstanceOf(UnauthorizedException);
  });

  it('answers a token in the URL that lives past the limit with 401', async () => {
    // 15 minutes left; the limit for a token in the URL is 10.
    const token = await signDevToken(
      { role: 'ops', expiresIn: '15m' },
      settings.JWT_SECRET,
      settings.AUTH_ISSUER,
      settings.AUTH_AUDIENCE,
    );

    await expect(authenticateStream(withQuery(token), verifier, MAX_QUERY_TOKEN_TTL_SECONDS)).rejects.toThrow(
      new UnauthorizedException('A token in the URL must expire within 600 s'),
    );
  });
});
