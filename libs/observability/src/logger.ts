import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import { currentTrace } from './trace-context';

/**
 * Structured JSON logs (pino) with the trace and correlation ids of the work in progress.
 * Log refs and coordinates only: never an event's data, a request body or a free-text note.
 */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // Defence in depth: should a payload ever be passed to a log call, these keys are blanked.
    redact: {
      paths: ['data', 'body', 'note', 'notes', 'payload', 'value', '*.data', '*.body', '*.note', '*.payload'],
      censor: '[redacted]',
    },
    mixin() {
      const trace = currentTrace();
      return trace
        ? { traceId: trace.traceId, spanId: trace.spanId, correlationId: trace.correlationId }
        : {};
    },
  });
}

/** Routes NestJS's own log calls into pino. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, stack: trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
