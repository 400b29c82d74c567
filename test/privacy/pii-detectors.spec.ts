import {
  findBsnLike,
  findEmails,
  findForbiddenFields,
  findFullPostcodes,
  findNames,
  findPhoneNumbers,
  isForbiddenFieldName,
  passesElfproef,
  scanText,
} from './pii-detectors';

// Things every event and log line legitimately carries; no detector may flag them.
const HARMLESS = [
  '{"id":"0c2b6f0e-1234-4567-8901-123456789012","time":"2026-11-27T20:14:21.123Z"}',
  '{"level":30,"time":1764274461123,"pid":123456,"hostname":"ci"}',
  'epoch seconds 1764274461 and a duration of 12.123456789 ms',
  '{"youthRef":"yr_123456789abc","waitlistEntryId":"UTR-WL-2026-1234567890"}',
  'traceparent 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  '{"postcode4":"3581","municipalityCode":"GM0344","ageYears":15}',
  'partition 3 offset 123456780 of jeugdzorg.waitlist.v1.dlq',
  'took 1000 ms, 4096 kb heap, at 2026 in UTC',
  'installed @nestjs/core and kafkajs@2.2.4',
  'sha 0623456789abcdef, uuid 12345678-0612-3456-7890-123456789012',
];

describe('passesElfproef', () => {
  // 111222333: 9·1 + 8·1 + 7·1 + 6·2 + 5·2 + 4·2 + 3·3 + 2·3 − 3 = 66 = 6 · 11.
  // 123456782: 9 + 16 + 21 + 24 + 25 + 24 + 21 + 16 − 2 = 154 = 14 · 11.
  it.each(['111222333', '123456782'])('accepts %s, which passes the eleven test', (bsn) => {
    expect(passesElfproef(bsn)).toBe(true);
  });

  // 123456789: 156 − 9 = 147 = 13 · 11 + 4.
  it.each(['123456789', '111222334', '000000000', '12345678', '1234567820', '12345678a'])(
    'refuses %s',
    (digits) => {
      expect(passesElfproef(digits)).toBe(false);
    },
  );
});

describe('findBsnLike', () => {
  it('flags a nine-digit number that passes the eleven test, alone or in JSON', () => {
    expect(findBsnLike('bsn 111222333 in a note')).toEqual([{ detector: 'bsn', match: '111222333' }]);
    expect(findBsnLike('{"x":123456782}')).toHaveLength(1);
  });

  it('passes a nine-digit number that fails the eleven test', () => {
    expect(findBsnLike('offset 123456789')).toEqual([]);
  });

  it('passes nine digits that are part of a longer number, an id or a fraction', () => {
    expect(findBsnLike('1112223330 x1112223336 yr_111222333 0.111222333 UTR-111222333')).toEqual([]);
  });
});

describe('findEmails', () => {
  it('flags an e-mail address', () => {
    expect(findEmails('mail jan.devries+test@example.org now')).toEqual([
      { detector: 'email', match: 'jan.devries+test@example.org' },
    ]);
  });

  it('passes scoped package names and versions', () => {
    expect(findEmails('@nestjs/core kafkajs@2.2.4 user@localhost')).toEqual([]);
  });
});

describe('findPhoneNumbers', () => {
  it.each([
    '0612345678',
    '06-12345678',
    '06 12 34 56 78',
    '+31612345678',
    '+31 6 12345678',
    '0031612345678',
    '030-1234567',
    '0318-123456',
    '030 123 4567',
  ])('flags %s', (phone) => {
    expect(findPhoneNumbers(`bel ${phone} even`)).toEqual([{ detector: 'phone', match: phone }]);
  });

  it('passes dates, times, epochs and hex ids', () => {
    expect(
      findPhoneNumbers('01-02-2026 12:30, 1764274461123, a0612345678, 0612345678901, 20:14:21.0612345678'),
    ).toEqual([]);
  });
});

describe('findFullPostcodes', () => {
  it.each(['1234 AB', '3581XK'])('flags %s', (postcode) => {
    expect(findFullPostcodes(`woont op ${postcode}.`)).toEqual([{ detector: 'postcode', match: postcode }]);
  });

  it('passes postcode4, units and the letter pairs never issued', () => {
    expect(findFullPostcodes('3581, 1000 ms, 4096 kb, 1234 SA, 1234 SS, 1234ABC, A1234 AB')).toEqual([]);
  });
});

describe('findNames', () => {
  it('flags a synthetic full name', () => {
    expect(findNames('gesprek met Jan de Vries gehad')).toEqual([
      { detector: 'name', match: 'Jan de Vries' },
    ]);
  });

  it('passes a first name alone and a name inside a longer word', () => {
    expect(findNames('Jan 2026, Jan de Vriesland')).toEqual([]);
  });
});

describe('findForbiddenFields', () => {
  it.each([
    'name',
    'firstName',
    'lastName',
    'bsn',
    'address',
    'street',
    'birthDate',
    'dateOfBirth',
    'email',
    'teamEmail',
    'phone',
    'phoneNumber',
  ])('flags the field %s', (key) => {
    expect(isForbiddenFieldName(key)).toBe(true);
  });

  it.each(['youthRef', 'postcode4', 'ageYears', 'municipalityCode', 'teamId', 'title', 'names4'])(
    'passes the field %s',
    (key) => {
      expect(isForbiddenFieldName(key)).toBe(false);
    },
  );

  it('reports nested paths and honours the allow-list', () => {
    const value = { data: { name: 'Team Noord', contacts: [{ email: 'x' }] } };
    expect(findForbiddenFields(value)).toEqual([
      { detector: 'field', match: 'data.name' },
      { detector: 'field', match: 'data.contacts[0].email' },
    ]);
    expect(findForbiddenFields(value, (path) => path === 'data.name')).toEqual([
      { detector: 'field', match: 'data.contacts[0].email' },
    ]);
  });

  it('walks a fuzzed value nested far deeper than the call stack allows', () => {
    let value: unknown = { bsn: '0' };
    for (let i = 0; i < 50000; i++) value = [value];
    const [finding] = findForbiddenFields(value);
    expect(finding.match).toBe(`${'[0]'.repeat(50000)}.bsn`);
  });
});

describe('scanText', () => {
  it.each(HARMLESS)('finds nothing in %s', (line) => {
    expect(scanText(line)).toEqual([]);
  });

  it('finds every kind in one note', () => {
    const note = 'Jan de Vries, BSN 111222333, jan@example.org, 06-12345678, 1234 AB';
    expect(scanText(note).map((f) => f.detector)).toEqual(['bsn', 'email', 'phone', 'postcode', 'name']);
  });
});
