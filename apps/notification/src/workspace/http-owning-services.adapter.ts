import { JsonHttpClient } from '@samenspel/http';
import {
  OwnerRefusedError,
  OwnerUnavailableError,
  OwningServicesPort,
  type Owner,
  type OwnerAnswer,
  type OwnerRequest,
} from './owning-services.port';

/**
 * The owning services over HTTP (node:http, kept-alive sockets), called with the worker's own
 * bearer token: no service token and no CORS, so each owner's rules, scoping and audit apply.
 */
export class HttpOwningServices extends OwningServicesPort {
  private readonly clients: Record<Owner, JsonHttpClient>;

  constructor(baseUrls: Record<Owner, string>, timeoutMs: number) {
    super();
    const client = (baseUrl: string) => new JsonHttpClient({ baseUrl, timeoutMs });
    this.clients = {
      'waitlist-bridging': client(baseUrls['waitlist-bridging']),
      activity: client(baseUrls.activity),
      referral: client(baseUrls.referral),
    };
  }

  onApplicationShutdown(): void {
    Object.values(this.clients).forEach((c) => c.close());
  }

  async send(owner: Owner, request: OwnerRequest): Promise<OwnerAnswer> {
    let res;
    try {
      res = await this.clients[owner].send(request.method, request.path, {
        headers: {
          authorization: `Bearer ${request.bearerToken}`,
          ...(request.ifMatch && { 'if-match': request.ifMatch }),
        },
        body: request.method === 'GET' ? undefined : (request.body ?? {}),
      });
    } catch (error) {
      throw new OwnerUnavailableError(owner, error);
    }
    let body: unknown;
    try {
      body = res.json();
    } catch (error) {
      throw new OwnerUnavailableError(owner, error);
    }
    if (res.ok) return { body, etag: res.header('etag') };
    if (res.status >= 400 && res.status < 500 && body && typeof body === 'object') {
      throw new OwnerRefusedError(owner, res.status, body as Record<string, unknown>);
    }
    throw new OwnerUnavailableError(owner, new Error(`${owner} answered ${res.status}`));
  }
}
