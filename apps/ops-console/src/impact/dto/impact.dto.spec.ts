import type { ArgumentMetadata } from '@nestjs/common';
import { createValidationPipe, RequestValidationError } from '@samenspel/http';
import { ImpactQuery } from './impact.dto';

const query: ArgumentMetadata = { type: 'query', metatype: ImpactQuery };
const pipe = createValidationPipe();

describe('?municipalityCode= of the impact routes, and its deprecated alias ?municipality=', () => {
  it.each<[Record<string, string>, string | undefined, string]>([
    [{ municipalityCode: 'GM0344' }, 'GM0344', 'the name every API uses'],
    [{ municipality: 'GM0307' }, 'GM0307', 'the deprecated alias still works'],
    [{ municipalityCode: 'GM0344', municipality: 'GM0307' }, 'GM0344', 'both: municipalityCode wins'],
    [{ municipality: 'unknown' }, 'unknown', 'the cell of youngsters without a known municipality'],
    [{}, undefined, 'neither: every municipality'],
  ])('reads %j as %s (%s)', async (raw, expected) => {
    const parsed = (await pipe.transform(raw, query)) as ImpactQuery;
    expect(parsed.municipalityCodeAsked()).toBe(expected);
  });

  it.each([
    [{ municipalityCode: '0344' }, 'municipalityCode'],
    [{ municipality: 'Utrecht' }, 'municipality'],
  ])('refuses %j naming %s', async (raw, field) => {
    const refusal = await pipe.transform(raw, query).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(RequestValidationError);
    expect((refusal as RequestValidationError).fieldErrors.map((e) => e.field)).toEqual([field]);
  });
});
