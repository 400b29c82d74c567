import { JsonHttpClient, type JsonHttpResponse } from '@samenspel/http';
import {
  ActivityCatalogPort,
  ActivityUnavailableError,
  PlacementRefusedError,
  type HoldOutcome,
  type OfferedActivity,
  type PlacementRef,
  type SeatRequest,
} from './activity-catalog.port';

export interface HttpActivityCatalogOptions {
  baseUrl: string;
  timeoutMs: number;
  /** The service's own access tokens (client credentials, role `service`), cached by the source. */
  tokens: { token(): Promise<string> };
}

/** The most youngsters the activity service takes in one hold-best batch. */
const MAX_BATCH = 50;

/** The activity service over HTTP (node:http with kept-alive sockets), as the `service` role with a token of its own client. */
export class HttpActivityCatalog extends ActivityCatalogPort {
  private readonly client: JsonHttpClient;

  constructor(private readonly options: HttpActivityCatalogOptions) {
    super();
    this.client = new JsonHttpClient({ baseUrl: options.baseUrl, timeoutMs: options.timeoutMs });
  }

  /** Closes the kept-alive sockets to the activity service, after the matcher has stopped (Nest calls it last). */
  onApplicationShutdown(): void {
    this.client.close();
  }

  async holdBestAll(requests: readonly SeatRequest[]): Promise<Array<HoldOutcome | Error>> {
    const results: Array<HoldOutcome | Error> = [];
    for (let i = 0; i < requests.length; i += MAX_BATCH) {
      results.push(...(await this.holdBestBatch(requests.slice(i, i + MAX_BATCH))));
    }
    return results;
  }

  private async holdBestBatch(requests: readonly SeatRequest[]): Promise<Array<HoldOutcome | Error>> {
    const res = await this.call('POST', '/api/v1/placements/hold-best/batch', {
      items: requests.map(holdBestBody),
    });
    if (!res.ok) throw this.unexpected(res, 'hold-best batch');
    const body = res.json() as { results?: unknown };
    const answers = Array.isArray(body.results) ? (body.results as unknown[]) : [];
    if (answers.length !== requests.length) {
      throw new ActivityUnavailableError(
        `activity answered ${answers.length} results for a batch of ${requests.length}`,
      );
    }
    return answers.map((answer) => {
      const a = (answer ?? {}) as { status?: unknown; problem?: { type?: unknown } };
      if (typeof a.status === 'number' && a.status >= 400) {
        const type = typeof a.problem?.type === 'string' ? a.problem.type : '';
        return new PlacementRefusedError(a.status, type, `hold-best refused: ${type}`);
      }
      return heldOf(answer);
    });
  }

  async confirm(placementId: string): Promise<PlacementRef> {
    const res = await this.call('POST', `/api/v1/placements/${encodeURIComponent(placementId)}/confirm`, {});
    if (res.ok) return placementOf(res.json());
    if (res.status >= 400 && res.status < 500) {
      const type = problemType(res);
      throw new PlacementRefusedError(res.status, type, `confirm refused: ${type}`);
    }
    throw this.unexpected(res, 'confirm');
  }

  async release(placementId: string, reason: string): Promise<void> {
    const res = await this.call('POST', `/api/v1/placements/${encodeURIComponent(placementId)}/release`, {
      reason,
    });
    if (res.ok) return;
    if (res.status >= 400 && res.status < 500) {
      const type = problemType(res);
      throw new PlacementRefusedError(res.status, type, `release refused: ${type}`);
    }
    throw this.unexpected(res, 'release');
  }

  private async call(method: string, path: string, body?: unknown): Promise<JsonHttpResponse> {
    try {
      return await this.client.send(method, path, {
        headers: { authorization: `Bearer ${await this.options.tokens.token()}` },
        ...(body !== undefined && { body }),
      });
    } catch (error) {
      throw new ActivityUnavailableError(
        `activity service unreachable (${method} ${path}): ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  }

  private unexpected(res: JsonHttpResponse, what: string): ActivityUnavailableError {
    const type = problemType(res);
    return new ActivityUnavailableError(`activity ${what} answered ${res.status} ${type}`);
  }
}

function problemType(res: JsonHttpResponse): string {
  try {
    const body = res.json() as { type?: unknown };
    return typeof body.type === 'string' ? body.type : '';
  } catch {
    return '';
  }
}

function holdBestBody(request: SeatRequest): Record<string, unknown> {
  const { query, ...hold } = request;
  return { ...query, ...hold };
}

/** A hold-best answer (or one item of a batch's): the seat held, or none free. */
function heldOf(body: unknown): HoldOutcome {
  const held = (body as { held?: { placement?: unknown; activity?: unknown } | null } | null)?.held;
  if (!held) return { held: null };
  return { held: placementOf(held.placement), activity: activityOf(held.activity) };
}

function activityOf(body: unknown): OfferedActivity {
  const b = (body ?? {}) as Record<string, unknown>;
  const { activityId, teamId, title } = b;
  if (typeof activityId !== 'string' || typeof teamId !== 'string' || typeof title !== 'string') {
    throw new ActivityUnavailableError('activity answered a held seat without its activity');
  }
  return { activityId, teamId, title };
}

function placementOf(body: unknown): PlacementRef {
  const b = (body ?? {}) as Record<string, unknown>;
  const placementId = (b.placementId ?? b.id) as string | undefined;
  if (typeof placementId !== 'string')
    throw new ActivityUnavailableError('activity answered a placement without an id');
  return {
    placementId,
    activityId: b.activityId as string,
    ...(typeof b.teamId === 'string' && { teamId: b.teamId }),
    ...(typeof b.status === 'string' && { status: b.status }),
    ...(typeof b.expiresAt === 'string' && { expiresAt: b.expiresAt }),
  };
}
