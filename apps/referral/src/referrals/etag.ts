import { BadRequestException } from '@nestjs/common';

/** The referral's version as a strong ETag: `"3"`. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/** The version an If-Match header names; undefined when absent or `*` (no precondition). */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '' || header.trim() === '*') return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) throw new BadRequestException('If-Match must be the ETag of the referral, e.g. "3"');
  return Number(match[1]);
}
