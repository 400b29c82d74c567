/**
 * Detectors for personal data that must never appear in events, logs or the ops console. Each
 * one is tuned against what those outputs legitimately carry: UUIDs, youthRefs (`yr_` + hex),
 * epoch-millisecond timestamps (13 digits), ISO times, Kafka offsets, W3C trace ids (32 and 16
 * hex), postcode4 (4 digits alone) and municipality codes (`GM` + 4 digits).
 *
 * The shared trick against false positives: a match must not touch a letter, digit, `_`, `.` or
 * `-` on its left. Every id we emit is a run of hex or digits joined by `-`, `_` or `.`, so a
 * digit run inside one is never a whole "word" of its own, and a fraction (`12.123456789`) is not
 * a number of its own either.
 */

export interface Finding {
  detector: string;
  /** The text that matched, or the JSON path of a forbidden field. */
  match: string;
}

/** Synthetic full names used to seed notes in tests; none may surface anywhere. */
export const SYNTHETIC_NAMES = [
  'Jan de Vries',
  'Fatima El Amrani',
  'Sanne Jansen',
  'Mohammed Yilmaz',
  'Noor van den Berg',
  'Daan Bakker',
] as const;

const LEFT = String.raw`(?<![\p{L}\p{N}_.\-])`;
const RIGHT = String.raw`(?![\p{L}\p{N}_])`;

/**
 * The BSN's eleven test (elfproef): 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11. All zeros
 * passes the arithmetic but is no BSN (a placeholder), so it is refused.
 */
export function passesElfproef(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0{9}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

// Exactly nine digits on their own: a 10-digit epoch second or 13-digit epoch millisecond never
// matches, and neither does any digit run inside a UUID segment (8-4-4-4-12) or a hex id.
const NINE_DIGITS = new RegExp(`${LEFT}\\d{9}${RIGHT}`, 'gu');

// local@domain.tld with a letters-only TLD: scoped npm names (`@nestjs/core`) and versions
// (`kafkajs@2.2.4`) do not match.
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}_])/gu;

// Dutch numbers: 0, +31 or 0031, then nine digits in the usual groupings. Mobile: 06 12345678,
// 06-12 34 56 78; fixed lines: 030-1234567, 0318-123456, 030 123 4567.
const PREFIX = String.raw`(?:0|\+31[ -]?|0031[ -]?)(?:\(0\)[ -]?)?`;
const MOBILE = String.raw`6[ -]?\d\d(?:[ -]?\d\d){3}`;
const FIXED = String.raw`(?:[1-57-9]\d[ -]?\d{3}[ -]?\d{4}|[1-57-9]\d{2}[ -]?\d{6}|[1-57-9]\d[ -]?\d{7})`;
const PHONE = new RegExp(`(?<![\\p{L}\\p{N}_.\\-+])${PREFIX}(?:${MOBILE}|${FIXED})${RIGHT}`, 'gu');

// Four digits (not starting with 0), an optional space, two capitals other than SA, SD, SS (never
// issued). Capitals only: "1000 ms" or "4096 kb" in a log line is not an address.
const POSTCODE = new RegExp(`${LEFT}[1-9]\\d{3} ?(?!SA|SD|SS)[A-Z]{2}${RIGHT}`, 'gu');

const FORBIDDEN_FIELD =
  /^(?:(?:first|last|full|sur|given|family|middle|nick)_?name|name|names|initials|bsn|burgerservicenummer|social_?security_?number|ssn|address|home_?address|street|street_?name|house_?number|huisnummer|postcode|zip_?code|birth_?date|date_?of_?birth|dob|geboortedatum|e?_?mail|e_?mail_?address|.*email|phone|phone_?number|.*phone|mobile|telephone|telefoon)$/i;

export function findBsnLike(text: string): Finding[] {
  return [...text.matchAll(NINE_DIGITS)]
    .filter((m) => passesElfproef(m[0]))
    .map((m) => ({ detector: 'bsn', match: m[0] }));
}

export function findEmails(text: string): Finding[] {
  return [...text.matchAll(EMAIL)].map((m) => ({ detector: 'email', match: m[0] }));
}

export function findPhoneNumbers(text: string): Finding[] {
  return [...text.matchAll(PHONE)].map((m) => ({ detector: 'phone', match: m[0] }));
}

export function findFullPostcodes(text: string): Finding[] {
  return [...text.matchAll(POSTCODE)].map((m) => ({ detector: 'postcode', match: m[0] }));
}

export function findNames(text: string, names: readonly string[] = SYNTHETIC_NAMES): Finding[] {
  return names
    .filter((name) => new RegExp(`${LEFT}${escape(name)}${RIGHT}`, 'u').test(text))
    .map((name) => ({ detector: 'name', match: name }));
}

/** Whether a JSON key names personal data (`firstName`, `bsn`, `dateOfBirth`, `teamEmail`, …). */
export function isForbiddenFieldName(key: string): boolean {
  return FORBIDDEN_FIELD.test(key);
}

/**
 * Every key in a JSON value that names personal data, as a path (`data.contact.email`).
 * `allow(path)` exempts a known harmless field, such as a team's `name`.
 */
export function findForbiddenFields(value: unknown, allow: (path: string) => boolean = () => false) {
  const findings: Finding[] = [];
  // Iterative, not recursive: a fuzzed event may nest thousands of levels deep.
  const pending: { node: unknown; path: string }[] = [{ node: value, path: '' }];
  while (pending.length > 0) {
    const { node, path } = pending.pop()!;
    if (Array.isArray(node)) {
      node.forEach((item, i) => pending.push({ node: item, path: `${path}[${i}]` }));
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        const at = path ? `${path}.${key}` : key;
        if (isForbiddenFieldName(key) && !allow(at)) findings.push({ detector: 'field', match: at });
        pending.push({ node: child, path: at });
      }
    }
  }
  return findings;
}

/** Every text detector at once; `names` adds the synthetic names (and any more) to look for. */
export function scanText(text: string, names: readonly string[] = SYNTHETIC_NAMES): Finding[] {
  return [
    ...findBsnLike(text),
    ...findEmails(text),
    ...findPhoneNumbers(text),
    ...findFullPostcodes(text),
    ...findNames(text, names),
  ];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
