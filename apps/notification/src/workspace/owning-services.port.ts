import { HttpError } from '@samenspel/http';

/** The services that own what a worker acts on from the workspace. */
export type Owner = 'waitlist-bridging' | 'activity' | 'referral';

export interface OwnerRequest {
  method: 'GET' | 'POST';
  /** The owner's own route, e.g. /api/v1/offers/{offerId}/accept. */
  path: string;
  /** The worker's own bearer token: the owner applies its rules, scoping and audit to them. */
  bearerToken: string;
  body?: object;
  ifMatch?: string;
}

/** What the owner answered on success: its JSON, and its ETag when it sent one. */
export interface OwnerAnswer {
  body: unknown;
  etag?: string;
}

/**
 * The owner refused (a 4xx problem): its problem is answered as it is, with the owner named in
 * `owner`. The owners' problems never echo input, so neither does this one.
 */
export class OwnerRefusedError extends HttpError {
  constructor(owner: Owner, status: number, problem: Record<string, unknown>) {
    const { type, title, status: _status, detail, instance: _instance, ...extensions } = problem;
    const code =
      typeof type === 'string' ? (/\/problems\/([a-z0-9-]+)$/.exec(type)?.[1] ?? 'refused') : 'refused';
    super(status, code, typeof detail === 'string' ? detail : `The ${owner} service refused`, {
      title: typeof title === 'string' ? title : undefined,
      extensions: { ...extensions, owner },
    });
  }
}

/** The owner did not answer, or not sensibly (time-out, 5xx): nothing is known to have changed. */
export class OwnerUnavailableError extends HttpError {
  constructor(owner: Owner, cause: unknown) {
    super(503, 'owner-unavailable', `The ${owner} service did not answer; try again shortly`, {
      cause,
      extensions: { owner },
    });
  }
}

/** Acts on an owning service's API as the worker. */
export abstract class OwningServicesPort {
  /** Resolves the owner's answer on 2xx; rejects with OwnerRefusedError or OwnerUnavailableError. */
  abstract send(owner: Owner, request: OwnerRequest): Promise<OwnerAnswer>;
}

/**
 * The owners' parts of one page, read as one caller: a part its owner refuses or cannot give is
 * left out, and the owner is named in `unavailable`, so the rest of the page is still shown.
 */
export class OwnerReads {
  readonly unavailable: Owner[] = [];

  constructor(
    private readonly owners: OwningServicesPort,
    private readonly bearerToken: string,
  ) {}

  async get(owner: Owner, path: string): Promise<Record<string, unknown> | undefined> {
    try {
      const answer = await this.owners.send(owner, { method: 'GET', path, bearerToken: this.bearerToken });
      return answer.body as Record<string, unknown>;
    } catch (error) {
      if (!(error instanceof OwnerRefusedError) && !(error instanceof OwnerUnavailableError)) throw error;
      this.unavailable.push(owner);
      return undefined;
    }
  }
}
