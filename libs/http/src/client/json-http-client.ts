import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** Below Node's default `keepAliveTimeout` of 5 s, for servers that send no hint. */
const IDLE_SOCKET_MS = 4000;

export interface JsonHttpClientOptions {
  /** e.g. http://activity:3003: the scheme, host and port every path is sent to. */
  baseUrl: string;
  /** The whole exchange, from sending to the last byte of the answer. */
  timeoutMs: number;
  /** Sockets kept open to the one host (default 16). */
  maxSockets?: number;
  /** A larger answer is refused (default 1 MiB). */
  maxResponseBytes?: number;
}

export interface JsonHttpResponse {
  status: number;
  ok: boolean;
  /** The answer's JSON, or undefined for an empty body; throws on a body that is not JSON. */
  json(): unknown;
  /** One header of the answer (the first, when it came more than once). */
  header(name: string): string | undefined;
}

/**
 * A small JSON client for one service-to-service peer, on node:http with keep-alive sockets.
 *
 * Service calls sit on the hot path of a flow (bridging holds a seat per match), and global fetch
 * (undici) costs the caller four times the CPU of node:http: 1.30 against 0.33 ms per call, with
 * the heap growing by 55 against 4 MiB over 4,000 calls (`npm run bench:http-client`,
 * docs/performance.md).
 */
export class JsonHttpClient {
  private readonly origin: URL;
  /** The base URL's path without its trailing slash, put before every request's path. */
  private readonly basePath: string;
  private readonly request: typeof httpRequest;
  private readonly agent: Agent;
  private readonly maxResponseBytes: number;

  constructor(private readonly options: JsonHttpClientOptions) {
    this.origin = new URL(options.baseUrl);
    if (this.origin.protocol !== 'http:' && this.origin.protocol !== 'https:') {
      throw new Error(`unsupported protocol in ${options.baseUrl}: only http and https`);
    }
    // An idle socket is closed by us before the server closes it, so that a call never goes out
    // on a socket the server is closing (ECONNRESET). Node shortens this to the server's
    // `Keep-Alive: timeout=N` hint less a second, but only when the agent has a timeout of its own.
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 16, timeout: IDLE_SOCKET_MS };
    const https = this.origin.protocol === 'https:';
    this.agent = https ? new HttpsAgent(agentOptions) : new Agent(agentOptions);
    this.request = https ? httpsRequest : httpRequest;
    this.basePath = this.origin.pathname.replace(/\/$/, '');
    this.maxResponseBytes = options.maxResponseBytes ?? 1024 * 1024;
  }

  /**
   * Sends one request and reads the whole answer. Rejects on a network error, a timeout or an
   * oversized answer; any HTTP status resolves.
   */
  send(
    method: string,
    path: string,
    options: { headers?: Record<string, string>; body?: unknown } = {},
  ): Promise<JsonHttpResponse> {
    const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
    return new Promise((resolve, reject) => {
      let settled = false;
      const finish = (error: Error | undefined, response?: JsonHttpResponse) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) reject(error);
        else resolve(response!);
      };
      const req = this.request(
        {
          protocol: this.origin.protocol,
          hostname: this.origin.hostname,
          port: this.origin.port,
          path: `${this.basePath}${path}`,
          method,
          agent: this.agent,
          headers: {
            accept: 'application/json, application/problem+json',
            ...options.headers,
            ...(payload && { 'content-type': 'application/json', 'content-length': String(payload.length) }),
          },
        },
        (res) => this.read(res, finish),
      );
      const timer = setTimeout(() => {
        req.destroy(new Error(`no complete answer within ${this.options.timeoutMs} ms`));
      }, this.options.timeoutMs);
      req.on('error', (error) => finish(error));
      req.end(payload);
    });
  }

  /** Closes the kept-alive sockets. */
  close(): void {
    this.agent.destroy();
  }

  private read(res: IncomingMessage, finish: (error?: Error, response?: JsonHttpResponse) => void): void {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > this.maxResponseBytes) {
        res.destroy();
        finish(new Error(`answer larger than ${this.maxResponseBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    res.on('error', (error) => finish(error));
    res.on('close', () => {
      if (!res.complete) finish(new Error('the answer was cut off'));
    });
    res.on('end', () => {
      const status = res.statusCode ?? 0;
      const text = Buffer.concat(chunks).toString('utf8');
      finish(undefined, {
        status,
        ok: status >= 200 && status < 300,
        json: () => (text.length === 0 ? undefined : (JSON.parse(text) as unknown)),
        header: (name) => {
          const value = res.headers[name.toLowerCase()];
          return Array.isArray(value) ? value[0] : value;
        },
      });
    });
  }
}
