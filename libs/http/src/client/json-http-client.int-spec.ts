import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '@samenspel/testing';
import { JsonHttpClient } from './json-http-client';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

/** A real HTTP server on a free port whose answer each test sets. */
async function startServer(): Promise<{
  url: string;
  server: Server;
  connections: () => number;
  closedByClient: () => number;
  handle(h: Handler): void;
  close(): Promise<void>;
}> {
  let handler: Handler = (_req, _body, res) => res.end();
  let connections = 0;
  let closedByClient = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, Buffer.concat(chunks).toString('utf8'), res));
  });
  server.on('connection', (socket) => {
    connections++;
    // 'end' on the server's side of a socket: the client ended it.
    socket.on('end', () => closedByClient++);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    connections: () => connections,
    closedByClient: () => closedByClient,
    handle: (h) => (handler = h),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('JsonHttpClient on a real local server', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let client: JsonHttpClient;

  beforeEach(async () => {
    server = await startServer();
    client = new JsonHttpClient({
      baseUrl: `${server.url}/prefix/`,
      timeoutMs: 1000,
      maxResponseBytes: 4096,
    });
  });

  afterEach(async () => {
    client.close();
    await server.close();
  });

  it('sends JSON with its headers under the base path and reads the JSON answer', async () => {
    let seen: { method?: string; url?: string; headers?: IncomingMessage['headers']; body?: string } = {};
    server.handle((req, body, res) => {
      seen = { method: req.method, url: req.url, headers: req.headers, body };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ held: { placementId: 'p-1' } }));
    });

    const res = await client.send('POST', '/api/v1/placements', {
      headers: { authorization: 'Bearer t' },
      body: { youthRef: 'y-1', limit: 10 },
    });

    expect(res).toMatchObject({ status: 200, ok: true });
    expect(res.json()).toEqual({ held: { placementId: 'p-1' } });
    expect(seen.method).toBe('POST');
    expect(seen.url).toBe('/prefix/api/v1/placements');
    expect(seen.headers).toMatchObject({
      authorization: 'Bearer t',
      'content-type': 'application/json',
      accept: 'application/json, application/problem+json',
      'content-length': String(Buffer.byteLength(seen.body ?? '')),
    });
    expect(JSON.parse(seen.body ?? '')).toEqual({ youthRef: 'y-1', limit: 10 });
  });

  it('resolves an error status with its problem body, and an empty body as undefined', async () => {
    server.handle((_req, _body, res) => {
      res.statusCode = 409;
      res.setHeader('content-type', 'application/problem+json');
      res.end(JSON.stringify({ type: 'https://samenspel.nl/problems/no-capacity', status: 409 }));
    });
    const refused = await client.send('POST', '/x', { body: {} });
    expect(refused).toMatchObject({ status: 409, ok: false });
    expect(refused.json()).toMatchObject({ type: 'https://samenspel.nl/problems/no-capacity' });

    server.handle((_req, _body, res) => {
      res.statusCode = 204;
      res.end();
    });
    const empty = await client.send('GET', '/x');
    expect(empty).toMatchObject({ status: 204, ok: true });
    expect(empty.json()).toBeUndefined();
  });

  it('keeps one socket alive for calls one after the other', async () => {
    server.handle((_req, _body, res) => res.end('{}'));
    for (let i = 0; i < 20; i++) expect((await client.send('GET', `/n/${i}`)).status).toBe(200);
    expect(server.connections()).toBe(1);
  });

  it("closes an idle socket before the server would, as the server's keep-alive hint says", async () => {
    // The server announces `Keep-Alive: timeout=2` and would close an idle socket after 10 s;
    // the client must end it first (after 1 s: the hint less Node's margin of a second).
    server.server.keepAliveTimeout = 10000;
    server.handle((_req, _body, res) => {
      res.setHeader('keep-alive', 'timeout=2');
      res.end('{}');
    });
    expect((await client.send('GET', '/once')).status).toBe(200);
    await waitFor(() => server.closedByClient() === 1, {
      timeoutMs: 8000,
      intervalMs: 50,
      description: 'the client ending its idle socket',
    });
    expect((await client.send('GET', '/again')).status).toBe(200);
    expect(server.connections()).toBe(2);
  });

  it('rejects when the whole answer does not arrive in time', async () => {
    server.handle((_req, _body, res) => res.write('{"partial":')); // never ended
    await expect(client.send('GET', '/slow')).rejects.toThrow('no complete answer within 1000 ms');
  });

  it('rejects an answer larger than the limit', async () => {
    server.handle((_req, _body, res) => res.end(JSON.stringify({ pad: 'x'.repeat(8192) })));
    await expect(client.send('GET', '/big')).rejects.toThrow('answer larger than 4096 bytes');
  });

  it('rejects an answer cut off by the server', async () => {
    server.handle((_req, _body, res) => {
      res.setHeader('content-length', '100');
      res.write('{"cut":');
      setImmediate(() => res.socket?.destroy());
    });
    // Node reports it as 'aborted' on the answer; the client's own check says 'cut off'.
    await expect(client.send('GET', '/cut')).rejects.toThrow(/^(aborted|the answer was cut off)$/);
  });

  it('rejects when nothing listens, and refuses a base URL that is not http', async () => {
    await server.close();
    await expect(client.send('GET', '/gone')).rejects.toThrow(/ECONNREFUSED/);
    expect(() => new JsonHttpClient({ baseUrl: 'ftp://127.0.0.1', timeoutMs: 1000 })).toThrow(
      'unsupported protocol',
    );
    server = await startServer(); // for afterEach
  });
});
