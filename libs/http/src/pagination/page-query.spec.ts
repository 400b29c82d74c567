import type { ArgumentMetadata } from '@nestjs/common';
import { createValidationPipe, RequestValidationError } from '../problem/validation-pipe';
import { PageQuery } from './page-query';

const query: ArgumentMetadata = { type: 'query', metatype: PageQuery };
const pipe = createValidationPipe();

describe('?limit=&offset= of a list endpoint', () => {
  it.each<[Record<string, string>, number, number, string]>([
    [{}, 50, 0, 'no parameters: the first 50'],
    [{ limit: '1' }, 1, 0, 'the smallest page'],
    [{ limit: '200', offset: '400' }, 200, 400, 'the largest page, the third of them'],
  ])('reads %j as limit %i, offset %i (%s)', async (raw, limit, offset) => {
    const page = (await pipe.transform(raw, query)) as PageQuery;
    expect(page).toBeInstanceOf(PageQuery);
    expect([page.limit, page.offset]).toEqual([limit, offset]);
  });

  it.each([
    [{ limit: '0' }, 'limit'],
    [{ limit: '201' }, 'limit'],
    [{ limit: '1.5' }, 'limit'],
    [{ limit: 'all' }, 'limit'],
    [{ offset: '-1' }, 'offset'],
    [{ page: '2' }, 'page'],
  ])('refuses %j naming %s', async (raw, field) => {
    const refusal = await pipe.transform(raw, query).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(RequestValidationError);
    expect((refusal as RequestValidationError).fieldErrors.map((e) => e.field)).toEqual([field]);
  });
});
