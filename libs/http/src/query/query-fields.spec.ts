import type { ArgumentMetadata } from '@nestjs/common';
import { createValidationPipe, RequestValidationError } from '../problem/validation-pipe';
import { FlagQuery, IntegerQuery, OneOfQuery } from './query-fields';

class Query {
  @IntegerQuery({ min: 0 }) from?: number;
  @IntegerQuery({ min: 1, max: 9 }) digit?: number;
  @FlagQuery() open?: boolean;
  @OneOfQuery(['open', 'done']) status?: string;
}

const metadata: ArgumentMetadata = { type: 'query', metatype: Query };
const pipe = createValidationPipe();

describe('whole-number and flag query parameters', () => {
  it.each<[Record<string, string>, object]>([
    [{}, {}],
    [
      { from: '0', digit: '9' },
      { from: 0, digit: 9 },
    ],
    [{ from: '1000000' }, { from: 1000000 }],
    [{ open: 'true' }, { open: true }],
    [{ open: 'false' }, { open: false }],
  ])('reads %j as %j', async (raw, expected) => {
    expect({ ...((await pipe.transform(raw, metadata)) as Query) }).toEqual(expected);
  });

  it.each([
    [{ from: '-1' }, 'from'],
    [{ digit: '10' }, 'digit'],
    [{ digit: '2.5' }, 'digit'],
    [{ open: 'yes' }, 'open'],
    [{ open: '1' }, 'open'],
  ])('refuses %j naming %s', async (raw, field) => {
    const refusal = await pipe.transform(raw, metadata).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(RequestValidationError);
    expect((refusal as RequestValidationError).fieldErrors.map((e) => e.field)).toEqual([field]);
  });
});

describe('a query parameter of a vocabulary', () => {
  it('reads a word of the vocabulary', async () => {
    expect({ ...((await pipe.transform({ status: 'done' }, metadata)) as Query) }).toEqual({
      status: 'done',
    });
  });

  it.each([[{ status: 'closed' }], [{ status: 'OPEN' }], [{ status: '' }]])('refuses %j', async (raw) => {
    const refusal = await pipe.transform(raw, metadata).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(RequestValidationError);
    expect((refusal as RequestValidationError).fieldErrors.map((e) => e.field)).toEqual(['status']);
  });
});
