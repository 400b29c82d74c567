import type * as Oidc from 'openid-client';
import { publicBaseUrl } from '../config/base-service-config';
import type { SessionSettings } from './session-settings';

/** How long a call to the provider may take before it counts as the provider being down. */
const PROVIDER_TIMEOUT_SECONDS = 5;

/**
 * openid-client, loaded at the first sign-in: a service without browser sign-in never loads it,
 * and one with it only once somebody signs in.
 */
let openidClient: Promise<typeof Oidc> | undefined;
function loadOpenidClient(): Promise<typeof Oidc> {
  openidClient ??= import('openid-client');
  return openidClient;
}

/** The provider cannot be reached (or answers with a server error): sign-in is answered 503. */
export class ProviderUnavailableError extends Error {
  override name = 'ProviderUnavailableError';
}

/** The provider refused the code or refresh token (replayed, wrong verifier, user disabled). */
export class GrantRefusedError extends Error {
  override name = 'GrantRefusedError';
}

/** What one sign-in must remember between the redirect to the provider and the way back. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

/** The tokens of a session; they never leave the server. */
export interface SessionTokens {
  accessToken: string;
  refreshToken?: string;
  idToken?: string;
  accessExpiresAt: Date;
}

/**
 * The service as a confidential OpenID Connect client (openid-client): the authorization code flow
 * with PKCE S256, state and nonce, refresh, and RP-initiated logout. The provider's metadata is
 * discovered on first use and again after a failed discovery, so a provider that starts later is
 * found without a restart.
 */
export class OidcRelyingParty {
  private discovered?: Promise<Oidc.Configuration>;
  readonly redirectUri: string;
  readonly postLogoutRedirectUri: string;

  constructor(private readonly settings: SessionSettings) {
    const base = publicBaseUrl(settings);
    this.redirectUri = `${base}/auth/callback`;
    this.postLogoutRedirectUri = `${base}/auth/signed-out`;
  }

  /** The provider's sign-in URL for a new sign-in, and what to remember until the way back. */
  async startSignIn(returnTo: string): Promise<{ url: URL; pending: PendingSignIn }> {
    const config = await this.configuration();
    const oidc = await loadOpenidClient();
    const pending: PendingSignIn = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
      returnTo,
    };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: this.settings.SIGN_IN_SCOPES,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      // Devices are shared: every sign-in asks for the password, also while the provider remembers one.
      prompt: 'login',
    });
    return { url, pending };
  }

  /** Exchanges the code of the provider's redirect back (`callbackUrl`) for tokens, checking state, nonce and PKCE. */
  async completeSignIn(
    callbackUrl: URL,
    pending: PendingSignIn,
  ): Promise<SessionTokens & { subject: string }> {
    const config = await this.configuration();
    const oidc = await loadOpenidClient();
    const response = await this.call(() =>
      oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      }),
    );
    const subject = response.claims()?.sub;
    if (!subject) throw new GrantRefusedError('The ID token names no subject');
    return { ...tokensOf(response), subject };
  }

  /** New tokens for a refresh token; GrantRefusedError when the provider no longer honours it. */
  async refresh(refreshToken: string, previous: SessionTokens): Promise<SessionTokens> {
    const config = await this.configuration();
    const oidc = await loadOpenidClient();
    const response = await this.call(() => oidc.refreshTokenGrant(config, refreshToken));
    const tokens = tokensOf(response);
    return {
      ...tokens,
      refreshToken: tokens.refreshToken ?? previous.refreshToken,
      idToken: tokens.idToken ?? previous.idToken,
    };
  }

  /** The provider's end-session URL, or undefined when it has none or cannot be reached. */
  async endSessionUrl(idToken: string | undefined): Promise<URL | undefined> {
    try {
      const config = await this.configuration();
      if (!config.serverMetadata().end_session_endpoint) return undefined;
      const oidc = await loadOpenidClient();
      return oidc.buildEndSessionUrl(config, {
        post_logout_redirect_uri: this.postLogoutRedirectUri,
        ...(idToken ? { id_token_hint: idToken } : {}),
      });
    } catch (error) {
      if (error instanceof ProviderUnavailableError) return undefined;
      throw error;
    }
  }

  private configuration(): Promise<Oidc.Configuration> {
    this.discovered ??= this.discover().catch((error: unknown) => {
      this.discovered = undefined;
      throw error;
    });
    return this.discovered;
  }

  private async discover(): Promise<Oidc.Configuration> {
    const { AUTH_ISSUER, SIGN_IN_CLIENT_ID, SIGN_IN_CLIENT_SECRET } = this.settings;
    if (!SIGN_IN_CLIENT_ID || !SIGN_IN_CLIENT_SECRET) {
      throw new ProviderUnavailableError(
        'Sign-in is not configured (SIGN_IN_CLIENT_ID, SIGN_IN_CLIENT_SECRET)',
      );
    }
    const issuer = new URL(AUTH_ISSUER);
    const oidc = await loadOpenidClient();
    return this.call(() =>
      oidc.discovery(issuer, SIGN_IN_CLIENT_ID, SIGN_IN_CLIENT_SECRET, undefined, {
        timeout: PROVIDER_TIMEOUT_SECONDS,
        // A development provider on http://127.0.0.1; production issuers are https.
        execute: issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
      }),
    );
  }

  /** Provider answers with an OAuth error become GrantRefusedError, anything else ProviderUnavailableError. */
  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      const oidc = await loadOpenidClient();
      if (error instanceof oidc.ResponseBodyError && error.status < 500) {
        throw new GrantRefusedError(`The provider refused: ${error.error}`, { cause: error });
      }
      if (error instanceof oidc.AuthorizationResponseError) {
        throw new GrantRefusedError(`The provider refused: ${error.error}`, { cause: error });
      }
      if (error instanceof oidc.ClientError && isCheckFailure(error)) {
        throw new GrantRefusedError(`The provider's answer failed a check: ${error.code ?? 'unknown'}`, {
          cause: error,
        });
      }
      throw new ProviderUnavailableError('The identity provider cannot be reached', { cause: error });
    }
  }
}

/** A state, nonce, issuer, signature or timestamp mismatch is a refused sign-in, not an outage. */
const CHECK_FAILURES = new Set([
  'OAUTH_INVALID_RESPONSE',
  'OAUTH_INVALID_REQUEST',
  'OAUTH_JWT_CLAIM_COMPARISON_FAILED',
  'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED',
  'OAUTH_JWT_TIMESTAMP_CHECK_FAILED',
]);

function isCheckFailure(error: Oidc.ClientError): boolean {
  return error.code !== undefined && CHECK_FAILURES.has(error.code);
}

function tokensOf(response: Oidc.TokenEndpointResponse): SessionTokens {
  const lifetime = response.expires_in ?? 300;
  return {
    accessToken: response.access_token,
    refreshToken: response.refresh_token,
    idToken: response.id_token,
    accessExpiresAt: new Date(Date.now() + lifetime * 1000),
  };
}
