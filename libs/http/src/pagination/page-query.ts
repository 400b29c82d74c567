import { IntegerQuery } from '../query/query-fields';

/** `?limit=&offset=` of a list endpoint: 50 items a page by default, at most 200. */
export class PageQuery {
  @IntegerQuery({ min: 1, max: 200, default: 50 })
  limit: number = 50;

  @IntegerQuery({ min: 0, default: 0 })
  offset: number = 0;
}
