/** Where and as whom a machine gets its access tokens (OAuth 2.0 client credentials grant). */
export interface ClientCredentialsSettings {
  /** The provider's issuer; its token endpoint is found through discovery when tokenEndpoint is unset. */
  issuer: string;
  tokenEndpoint?: string;
  clientId: string;
  clientSecret: string;
  /** Asked for as `scope` when set. */
  scope?: string;
  /** How long one request to the provider may take (ms). Default 5000. */
  timeoutMs?: number;
  /** The clock, in ms since the epoch; for tests. */
  now?: () => number;
}

/** The provider refused the client or could not be reached: the call that needed the token fails. */
export class TokenSourceError extends Error {
  override name = 'TokenSourceError';
}

/**
 * A token is replaced this long before it expires: 30 s, or a tenth of its lifetime when that is
 * shorter, so a call never leaves with a token that expires on the way.
 */
const RENEW_MARGIN_MS = 30_000;

/**
 * The access token of one client, got with the client credentials grant and kept until shortly
 * before it expires. Callers that ask while a request is under way share that request.
 */
export class ClientCredentialsTokenSource {
  private cached?: { token: string; renewAt: number };
  private pending?: Promise<string>;
  private endpoint?: Promise<string>;
  private readonly now: () => number;

  constructor(private readonly settings: ClientCredentialsSettings) {
    this.now = settings.now ?? Date.now;
  }

  /** A valid access token, from the cache or from the provider. */
  async token(): Promise<string> {
    if (this.cached && this.now() < this.cached.renewAt) return this.cached.token;
    this.pending ??= this.fetchToken().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async fetchToken(): Promise<string> {
    const asked = this.now();
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.settings.clientId,
      client_secret: this.settings.clientSecret,
      ...(this.settings.scope && { scope: this.settings.scope }),
    });
    const res = await this.request(await this.tokenEndpoint(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
    });
    const answer = (await res.json().catch(() => ({}))) as {
      access_token?: unknown;
      expires_in?: unknown;
      error?: unknown;
    };
    if (!res.ok || typeof answer.access_token !== 'string') {
      // The provider's error code only: its description may repeat what was sent.
      const code = typeof answer.error === 'string' ? answer.error : 'no access token';
      throw new TokenSourceError(
        `the token endpoint refused client ${this.settings.clientId}: ${res.status} ${code}`,
      );
    }
    const lifetimeMs = typeof answer.expires_in === 'number' ? answer.expires_in * 1000 : 0;
    this.cached = {
      token: answer.access_token,
      renewAt: asked + lifetimeMs - Math.min(RENEW_MARGIN_MS, lifetimeMs / 10),
    };
    return answer.access_token;
  }

  private tokenEndpoint(): Promise<string> {
    if (this.settings.tokenEndpoint) return Promise.resolve(this.settings.tokenEndpoint);
    this.endpoint ??= this.discover().catch((error: unknown) => {
      this.endpoint = undefined;
      throw error;
    });
    return this.endpoint;
  }

  private async discover(): Promise<string> {
    const url = `${this.settings.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    const res = await this.request(url, { headers: { accept: 'application/json' } });
    const metadata = (await res.json().catch(() => ({}))) as { token_endpoint?: unknown };
    if (!res.ok || typeof metadata.token_endpoint !== 'string') {
      throw new TokenSourceError(`the provider's discovery document names no token endpoint (${res.status})`);
    }
    return metadata.token_endpoint;
  }

  private async request(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(this.settings.timeoutMs ?? 5000) });
    } catch (error) {
      throw new TokenSourceError(`the identity provider cannot be reached: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
}
