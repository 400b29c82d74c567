// The development identity provider as its own process, for `npm start` and the integration tests:
// DEV_IDP_PORT (3005), AUTH_AUDIENCE (samenspel), DEV_IDP_KEYS_FILE (.cache/identity-provider/…),
// DEV_IDP_ACCESS_TOKEN_TTL_SECONDS (3600), DEV_IDP_ISSUER (http://127.0.0.1:<port>),
// DEV_IDP_HOST (127.0.0.1), DEV_IDP_CONTROL_TOKEN (runtime controls for tests, off unless set) and
// DEV_IDP_PAGE_CLIENTS (`clientId@origin,…` instead of the workspace and console on their usual
// ports, for tests on other ports). Prints `ready` once it listens.
import { DEFAULT_AUTH_AUDIENCE, DEV_CLIENT_SECRET } from '@samenspel/http';
import { startDevIdentityProvider } from './dev-identity-provider';
import { DEV_IDENTITY_PROVIDER_PORT, devSigningKeysFile } from './dev-provider-defaults';

async function main(): Promise<void> {
  const env = process.env;
  const provider = await startDevIdentityProvider({
    port: Number(env.DEV_IDP_PORT ?? DEV_IDENTITY_PROVIDER_PORT),
    host: env.DEV_IDP_HOST || undefined,
    issuer: env.DEV_IDP_ISSUER || undefined,
    audience: env.AUTH_AUDIENCE || DEFAULT_AUTH_AUDIENCE,
    keysFile: env.DEV_IDP_KEYS_FILE || devSigningKeysFile(process.cwd()),
    accessTokenTtlSeconds: Number(env.DEV_IDP_ACCESS_TOKEN_TTL_SECONDS ?? 3600),
    controlToken: env.DEV_IDP_CONTROL_TOKEN || undefined,
    pageClients: env.DEV_IDP_PAGE_CLIENTS
      ? env.DEV_IDP_PAGE_CLIENTS.split(',').map((entry) => {
          const [clientId, origin] = entry.split('@');
          return { clientId, origin, clientSecret: DEV_CLIENT_SECRET };
        })
      : undefined,
  });
  const stop = () => void provider.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.stdout.write(`development identity provider ${provider.issuer}\nready\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`identity provider: ${(error as Error).message}\n`);
  process.exit(1);
});
