import {
  isAllowListEntry,
  refusedAddressKind,
  webhookAllowList,
  webhookTargetOf,
  webhookTargetRefusal,
} from './webhook-target';

describe('the addresses a webhook may reach', () => {
  it.each([
    // IPv4
    ['93.184.215.14', undefined],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.15.255.255', undefined],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', undefined],
    ['192.168.1.1', 'private'],
    ['100.63.255.255', undefined],
    ['100.64.0.1', 'shared'],
    ['100.127.255.255', 'shared'],
    ['100.128.0.0', undefined],
    ['169.254.169.254', 'cloud-metadata'],
    ['169.254.0.1', 'link-local'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    // IPv6
    ['2001:db8::1', undefined],
    ['2606:4700:4700::1111', undefined],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fd00:ec2::254', 'cloud-metadata'],
    ['fe80::1', 'link-local'],
    ['ff02::1', 'multicast'],
    // IPv4-mapped IPv6: the IPv4 address it maps
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'cloud-metadata'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:93.184.215.14', undefined],
    // A name is never taken for an address.
    ['localhost', 'not-an-address'],
    ['', 'not-an-address'],
  ])('%s is %s', (address, kind) => {
    expect(refusedAddressKind(address)).toBe(kind);
  });
});

describe('a webhook target against the allow-list', () => {
  const allowList = webhookAllowList(['10.20.0.0/16', 'Hooks.Intranet:8443', '127.0.0.1:9000', '[::1]:9001']);
  const target = (url: string) => webhookTargetOf(new URL(url));

  it.each([
    // url, resolved addresses, refusal
    ['https://hooks.example.org/in', ['93.184.215.14'], undefined],
    ['https://hooks.example.org/in', ['93.184.215.14', '10.0.0.5'], 'private'],
    ['https://hooks.example.org/in', ['::ffff:169.254.169.254'], 'cloud-metadata'],
    ['http://10.20.3.4/in', ['10.20.3.4'], undefined],
    ['http://10.21.3.4/in', ['10.21.3.4'], 'private'],
    // host:port: that host on that port, whatever it resolves to
    ['https://hooks.intranet:8443/in', ['192.168.7.7'], undefined],
    ['https://HOOKS.intranet:8443/in', ['192.168.7.7'], undefined],
    ['https://hooks.intranet/in', ['192.168.7.7'], 'private'],
    ['http://127.0.0.1:9000/in', ['127.0.0.1'], undefined],
    ['http://127.0.0.1:9002/in', ['127.0.0.1'], 'loopback'],
    ['http://[::1]:9001/in', ['::1'], undefined],
    ['http://[::1]:9000/in', ['::1'], 'loopback'],
    // the default ports
    ['http://127.0.0.1/in', ['127.0.0.1'], 'loopback'],
    // no address yet: nothing to refuse
    ['https://not-yet.example.org/in', [], undefined],
  ])('%s at %j: %s', (url, addresses, refusal) => {
    expect(webhookTargetRefusal(target(url), addresses, allowList)).toBe(refusal);
  });

  it('refuses every private address by default', () => {
    expect(webhookTargetRefusal(target('http://127.0.0.1:9000/'), ['127.0.0.1'], webhookAllowList([]))).toBe(
      'loopback',
    );
  });

  it('takes the default port of the scheme', () => {
    expect(target('https://a.example.org/x')).toEqual({ host: 'a.example.org', port: 443 });
    expect(target('http://[::1]/x')).toEqual({ host: '[::1]', port: 80 });
  });

  it.each([
    ['10.0.0.0/8', true],
    ['fd00::/8', true],
    ['127.0.0.1', true],
    ['receiver.intranet:8443', true],
    ['[fd00::1]:443', true],
    ['receiver.intranet', false],
    ['receiver.intranet:0', false],
    ['receiver.intranet:70000', false],
    ['http://receiver.intranet:80', false],
    ['*.intranet:80', false],
    ['', false],
  ])('reads %j as an allow-list entry: %s', (entry, valid) => {
    expect(isAllowListEntry(entry)).toBe(valid);
  });
});
