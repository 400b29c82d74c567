import { AddressRanges, bareAddress, isAddressRange } from './address-ranges';

describe('AddressRanges', () => {
  const ranges = new AddressRanges(['10.0.0.0/8', '127.0.0.1', 'fd00::/8', '::1/128']);

  it.each([
    ['10.255.0.1', true],
    ['11.0.0.1', false],
    ['127.0.0.1', true],
    ['127.0.0.2', false],
    // An IPv4-mapped IPv6 address is the IPv4 address it maps.
    ['::ffff:10.1.2.3', true],
    ['::ffff:a01:203', true],
    ['[::ffff:127.0.0.1]', true],
    ['fd00:ec2::254', true],
    ['fe80::1', false],
    ['::1', true],
    ['[::1]', true],
    ['localhost', false],
    ['', false],
  ])('%s is in the ranges: %s', (address, inside) => {
    expect(ranges.has(address)).toBe(inside);
  });

  it.each([
    ['10.0.0.0/8', true],
    ['192.0.2.7', true],
    ['::/0', true],
    ['fc00::/7', true],
    ['10.0.0.0/33', false],
    ['::1/129', false],
    ['10.0.0/8', false],
    ['example.org/8', false],
    ['10.0.0.0/8,', false],
    ['', false],
  ])('reads %j as a range: %s', (text, valid) => {
    expect(isAddressRange(text)).toBe(valid);
  });

  it('refuses to build from something that is not a range', () => {
    expect(() => new AddressRanges(['10.0.0.0/8', 'intranet'])).toThrow('not an IP range');
  });

  it('takes the brackets off an IPv6 host of a URL, and leaves anything else as it is', () => {
    expect(bareAddress('[fd00::1]')).toBe('fd00::1');
    expect(bareAddress('example.org')).toBe('example.org');
  });
});
