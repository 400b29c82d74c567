import { UnauthorizedException } from '@nestjs/common';
import { toAuthException, type Principal, type TokenVerifier } from '@samenspel/http';
import type { Request } from 'express';
import { decodeJwt } from 'jose';

const BEARER = /^Bearer[ ]+(\S+)$/i;

/**
 * The principal of a task-stream request, from its Authorization header or its ?access_token=,
 * answered as the global guard answers (401, 403 without a known role, 503 without keys); a token
 * in the URL must expire within `maxQueryTokenTtlSeconds`, as URLs end up in logs and history.
 */
export async function authenticateStream(
  req: Request,
  verifier: TokenVerifier,
  maxQueryTokenTtlSeconds: number,
): Promise<Principal> {
  const header = req.headers.authorization;
  const fromHeader = header ? BEARER.exec(header.trim())?.[1] : undefined;
  const fromQuery = typeof req.query.access_token === 'string' ? req.query.access_token : undefined;
  const token = fromHeader ?? fromQuery;
  if (!token) throw new UnauthorizedException('A bearer token is required (header, or ?access_token=)');
  let principal: Principal;
  try {
    principal = await verifier.verify(token);
  } catch (error) {
    throw toAuthException(error);
  }
  if (!fromHeader) {
    const { exp } = decodeJwt(token);
    const left = (exp ?? Infinity) - Date.now() / 1000;
    if (left > maxQueryTokenTtlSeconds) {
      throw new UnauthorizedException(`A token in the URL must expire within ${maxQueryTokenTtlSeconds} s`);
    }
  }
  return principal;
}
