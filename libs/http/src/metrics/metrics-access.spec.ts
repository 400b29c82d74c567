import { metricsAccess, metricsAccessSettings } from './metrics-access';

describe('who may scrape /metrics', () => {
  const TOKEN = 'scrape-token-0123456789abcdef0123456789';
  const loopbackOnly = metricsAccessSettings({});
  const withToken = metricsAccessSettings({ METRICS_TOKEN: TOKEN });
  const podNetwork = metricsAccessSettings({ METRICS_ALLOWED_CIDRS: ['10.42.0.0/16'], METRICS_TOKEN: TOKEN });

  it.each([
    // peer, Authorization header, settings, verdict
    ['127.0.0.1', undefined, loopbackOnly, 'allowed'],
    ['::1', undefined, loopbackOnly, 'allowed'],
    ['::ffff:127.0.0.1', undefined, loopbackOnly, 'allowed'],
    ['10.42.0.7', undefined, loopbackOnly, 'network-refused'],
    // Without a configured token, a header opens nothing.
    ['10.42.0.7', `Bearer ${TOKEN}`, loopbackOnly, 'network-refused'],
    [undefined, undefined, loopbackOnly, 'network-refused'],
    ['10.42.0.7', undefined, withToken, 'token-required'],
    ['10.42.0.7', `Bearer ${TOKEN}`, withToken, 'allowed'],
    ['10.42.0.7', `Bearer ${TOKEN}x`, withToken, 'token-required'],
    ['10.42.0.7', `bearer ${TOKEN}`, withToken, 'token-required'],
    ['10.42.0.7', TOKEN, withToken, 'token-required'],
    ['10.42.0.7', undefined, podNetwork, 'allowed'],
    // The allowed networks replace the default: loopback then needs the token too.
    ['127.0.0.1', undefined, podNetwork, 'token-required'],
    ['127.0.0.1', `Bearer ${TOKEN}`, podNetwork, 'allowed'],
  ] as const)('a scrape from %s with %j is %s (%#)', (peer, authorization, settings, verdict) => {
    expect(metricsAccess(peer, authorization, settings)).toBe(verdict);
  });
});
