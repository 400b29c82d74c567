import { IntegerQuery } from '@samenspel/http';

/** `?age=`: a youngster's age in whole years, as the catalogue's filters take it. */
export const AgeQuery = (description: string) => IntegerQuery({ min: 0, max: 27, description });
