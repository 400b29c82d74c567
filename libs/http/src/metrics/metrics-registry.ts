import { collectDefaultMetrics, Registry, type Metric } from 'prom-client';
import { METRIC_LABEL_NAMES } from './metric-labels';

/**
 * The service's Prometheus registry (one per app, not prom-client's global one). Inject it to add
 * metrics: `new Counter({ name, help, registers: [registry] })`. A metric with a label that is not
 * in METRIC_LABEL_NAMES is refused when it is created.
 */
export class MetricsRegistry extends Registry {
  override registerMetric(metric: Metric): void {
    const { name, labelNames = [] } = metric as Metric & { name: string; labelNames?: string[] };
    const unreviewed = labelNames.filter((label) => !METRIC_LABEL_NAMES.includes(label));
    if (unreviewed.length > 0) {
      throw new Error(`The metric ${name} has labels outside METRIC_LABEL_NAMES: ${unreviewed.join(', ')}`);
    }
    super.registerMetric(metric);
  }
}

/** A registry with the Node.js default metrics, every series labelled with the service. */
export function createMetricsRegistry(service: string): MetricsRegistry {
  const registry = new MetricsRegistry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}
