/** Injection token of the service's pino Logger (from @samenspel/observability's createLogger). */
export const SERVICE_LOGGER = Symbol('SERVICE_LOGGER');
