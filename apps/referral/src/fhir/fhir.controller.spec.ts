import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { capabilityStatement } from '../domain/fhir/capability-statement';
import { FhirController } from './fhir.controller';

/** The routes of the controller, as `GET Task/:id`. */
function routes(): string[] {
  const prototype = FhirController.prototype as unknown as Record<string, object>;
  return Object.getOwnPropertyNames(prototype)
    .filter((name) => Reflect.hasMetadata(METHOD_METADATA, prototype[name]))
    .map((name) => {
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, prototype[name]) as RequestMethod];
      return `${method} ${Reflect.getMetadata(PATH_METADATA, prototype[name]) as string}`;
    });
}

const ROUTE_OF_INTERACTION: Record<string, (type: string) => string> = {
  read: (type) => `GET ${type}/:id`,
  'search-type': (type) => `GET ${type}`,
  patch: (type) => `PATCH ${type}/:id`,
};

describe('the CapabilityStatement', () => {
  it('lists exactly the interactions /fhir has routes for', () => {
    const statement = capabilityStatement({
      base: 'http://localhost/fhir',
      version: '0',
      date: '2026-12-07',
    });
    const stated = statement.rest![0].resource!.flatMap((resource) =>
      resource.interaction!.map((i) => ROUTE_OF_INTERACTION[i.code](resource.type)),
    );
    // Besides: the statement itself, and the answer to everything else (404 OperationOutcome).
    expect(routes().sort()).toEqual([...stated, 'GET metadata', 'ALL {*path}'].sort());
  });
});
