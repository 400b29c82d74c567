import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookAddressRefused, WebhookClient } from './webhook-client';

/** A real receiver on loopback that answers `status` (with `location`, for a redirect). */
async function aReceiver(status = 200, location?: string) {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    req.resume();
    res.writeHead(status, location ? { location } : {}).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { port, hits, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('WebhookClient', () => {
  let receiver: Awaited<ReturnType<typeof aReceiver>>;
  let redirecting: Awaited<ReturnType<typeof aReceiver>>;

  beforeAll(async () => {
    receiver = await aReceiver(204);
    redirecting = await aReceiver(307, `http://127.0.0.1:${receiver.port}/internal`);
  });
  afterAll(async () => {
    await receiver.close();
    await redirecting.close();
  });

  const post = (client: WebhookClient, url: string) =>
    client.post(url, { 'content-type': 'application/json' }, '{}', 2000);

  it.each([
    // Names are checked on the addresses they resolve to, in the connection's own lookup.
    ['http://localhost:{port}/hook', 'loopback'],
    ['http://127.0.0.1:{port}/hook', 'loopback'],
    ['http://127.9.9.9:{port}/hook', 'loopback'],
    ['http://[::ffff:127.0.0.1]:{port}/hook', 'loopback'],
    ['http://[::1]:{port}/hook', 'loopback'],
    ['http://169.254.169.254/latest/meta-data/', 'cloud-metadata'],
    ['http://[fd00:ec2::254]/', 'cloud-metadata'],
    ['http://10.1.2.3/hook', 'private'],
  ])('refuses to deliver to %s by default (%s), before any connection', async (template, kind) => {
    const before = receiver.hits.length;
    const client = new WebhookClient([]);
    const url = template.replace('{port}', String(receiver.port));
    await expect(post(client, url)).rejects.toEqual(new WebhookAddressRefused(kind as never));
    expect(receiver.hits.length).toBe(before);
  });

  it('delivers to an on-premise receiver the allow-list names, by range or by host and port', async () => {
    const byRange = new WebhookClient(['127.0.0.1/32']);
    expect(await post(byRange, `http://127.0.0.1:${receiver.port}/a`)).toBe(204);
    expect(await post(byRange, `http://localhost:${receiver.port}/b`)).toBe(204);
    const byHost = new WebhookClient([`localhost:${receiver.port}`]);
    expect(await post(byHost, `http://localhost:${receiver.port}/c`)).toBe(204);
    await expect(post(byHost, `http://127.0.0.1:${receiver.port}/d`)).rejects.toBeInstanceOf(
      WebhookAddressRefused,
    );
    expect(receiver.hits).toEqual(expect.arrayContaining(['POST /a', 'POST /b', 'POST /c']));
    expect(receiver.hits).not.toContain('POST /d');
  });

  it('answers a URL that does not parse as a field error, not a failure of its own', async () => {
    const client = new WebhookClient([]);
    await expect(client.assertAllowed('http://1.2.3.4.5/')).rejects.toMatchObject({
      code: 'validation-failed',
      extensions: { errors: [{ field: 'url', messages: ['must be an http or https URL'] }] },
    });
  });

  it('does not follow a redirect: the 3xx is the answer, and its target hears nothing', async () => {
    const client = new WebhookClient([`127.0.0.1:${redirecting.port}`]);
    expect(await post(client, `http://127.0.0.1:${redirecting.port}/hook`)).toBe(307);
    expect(redirecting.hits).toEqual(['POST /hook']);
    expect(receiver.hits).not.toContain('POST /internal');
  });
});
