import type { JsonSchema } from './schema-arbitrary';

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

interface OpenApiOperation {
  operationId?: string;
  parameters?: { name: string; in: 'path' | 'query' | 'header'; schema?: JsonSchema; required?: boolean }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  security?: unknown[];
}

/** One write operation of a service, as its OpenAPI document describes it. */
export interface WriteOperation {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The OpenAPI path template, e.g. `/api/v1/offers/{offerId}/accept`. */
  path: string;
  pathParams: { name: string; schema: JsonSchema }[];
  queryParams: { name: string; schema: JsonSchema }[];
  body?: JsonSchema;
  /** False for a @Public route. */
  secured: boolean;
}

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'] as const;

/** Every POST, PUT, PATCH and DELETE of the document, so that a new endpoint is fuzzed without a change here. */
export function writeOperations(document: OpenApiDocument): WriteOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    WRITE_METHODS.flatMap((method) => {
      const op = item[method];
      if (!op) return [];
      const params = op.parameters ?? [];
      const pick = (where: 'path' | 'query') =>
        params
          .filter((p) => p.in === where)
          .map((p) => ({ name: p.name, schema: p.schema ?? { type: 'string' } }));
      // Every {name} of the template, declared as a parameter or not.
      const declared = pick('path');
      const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map(
        ([, name]) => declared.find((p) => p.name === name) ?? { name, schema: { type: 'string' } },
      );
      return [
        {
          method: method.toUpperCase() as WriteOperation['method'],
          path,
          pathParams,
          queryParams: pick('query'),
          body: op.requestBody?.content?.['application/json']?.schema,
          secured: op.security === undefined || op.security.length > 0,
        },
      ];
    }),
  );
}
