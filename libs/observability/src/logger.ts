import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger } from 'pino';
import { currentTrace } from './trace-context';

const PAYLOAD_KEYS = ['data', 'body', 'note', 'notes', 'payload', 'value'];
/** Secrets come only from the environment and never reach a log line, whatever a caller passes. */
const SECRET_KEYS = [
  'authorization',
  'password',
  'sasl',
  'secret',
  'connectionString',
  'AUTH_CLIENT_SECRET',
  'SIGN_IN_CLIENT_SECRET',
  'KAFKA_SASL_PASSWORD',
  'NOTE_ENCRYPTION_KEY',
  'NOTE_ENCRYPTION_PREVIOUS_KEYS',
  'DATABASE_URL',
];

/**
 * Structured JSON logs (pino) with the trace and correlation ids of the work in progress.
 * Log refs and coordinates only: never an event's data, a request body or a free-text note.
 */
export function createLogger(
  service: string,
  level = process.env.LOG_LEVEL ?? 'info',
  destination?: DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // Defence in depth: should a payload ever be passed to a log call, these keys are blanked.
    redact: {
      paths: [
        ...[...PAYLOAD_KEYS, ...SECRET_KEYS].flatMap((key) => [key, `*.${key}`]),
        '*.headers.authorization',
        '*.headers.cookie',
      ],
      censor: '[redacted]',
    },
    mixin() {
      const trace = currentTrace();
      return trace
        ? { traceId: trace.traceId, spanId: trace.spanId, correlationId: trace.correlationId }
        : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
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
