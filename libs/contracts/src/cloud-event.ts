/**
 * A CloudEvents 1.0 event as Samenspel carries it over Kafka (structured mode on the way out,
 * structured or binary mode on the way in). `traceparent` is the Distributed Tracing extension,
 * `correlationid` our own extension that follows one flow across services.
 */
export interface CloudEvent<T = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject?: string;
  time?: string;
  datacontenttype?: string;
  dataschema?: string;
  traceparent?: string;
  correlationid?: string;
  data: T;
}

export const CLOUDEVENTS_JSON = 'application/cloudevents+json';
