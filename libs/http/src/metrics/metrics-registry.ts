import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The service's Prometheus registry (one per app, not prom-client's global one). Inject it to add
 * metrics: `new Counter({ name, help, registers: [registry] })`.
 */
export class MetricsRegistry extends Registry {}

/** A registry with the Node.js default metrics, every series labelled with the service. */
export function createMetricsRegistry(service: string): MetricsRegistry {
  const registry = new MetricsRegistry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}
