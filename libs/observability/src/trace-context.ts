import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes, randomUUID } from 'node:crypto';

/** The W3C trace context and correlation id of the work in progress (an HTTP request or a consumed event). */
export interface TraceContext {
  traceId: string;
  spanId: string;
  /** Sampling and other flags, two hex digits (W3C traceparent). */
  flags: string;
  correlationId: string;
}

const storage = new AsyncLocalStorage<TraceContext>();
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** Parses a W3C traceparent header; returns undefined for anything malformed or all-zero. */
export function parseTraceparent(
  value: string | undefined | null,
): Omit<TraceContext, 'correlationId'> | undefined {
  const match = value ? TRACEPARENT.exec(value.trim()) : null;
  if (!match || /^0+$/.test(match[1]) || /^0+$/.test(match[2])) return undefined;
  return { traceId: match[1], spanId: match[2], flags: match[3] };
}

export function formatTraceparent(ctx: Pick<TraceContext, 'traceId' | 'spanId' | 'flags'>): string {
  return `00-${ctx.traceId}-${ctx.spanId}-${ctx.flags}`;
}

/** Starts a child span of the incoming traceparent (or a new trace), keeping or minting the correlation id. */
export function childContext(traceparent?: string | null, correlationId?: string | null): TraceContext {
  const parent = parseTraceparent(traceparent);
  return {
    traceId: parent?.traceId ?? randomBytes(16).toString('hex'),
    spanId: randomBytes(8).toString('hex'),
    flags: parent?.flags ?? '01',
    correlationId: correlationId && correlationId.length <= 128 ? correlationId : randomUUID(),
  };
}

export function runWithTrace<T>(ctx: TraceContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

export function currentTrace(): TraceContext | undefined {
  return storage.getStore();
}
