import { Counter, Gauge } from 'prom-client';
import { labelNamesOf } from './metric-labels';
import { createMetricsRegistry, MetricsRegistry } from './metrics-registry';

describe('MetricsRegistry', () => {
  it('refuses a metric labelled by municipality, or by any label no one reviewed', () => {
    const registry = new MetricsRegistry();
    expect(
      () =>
        new Gauge({
          name: 'waiting_youngsters',
          help: 'Waiting youngsters',
          labelNames: ['municipality'],
          registers: [registry],
        }),
    ).toThrow('The metric waiting_youngsters has labels outside METRIC_LABEL_NAMES: municipality');
    expect(
      () =>
        new Counter({
          name: 'a_total',
          help: 'A',
          labelNames: ['topic', 'postcode4'],
          registers: [registry],
        }),
    ).toThrow('postcode4');
    expect(registry.getMetricsAsArray()).toEqual([]);
  });

  it('takes the Node.js default metrics and a metric labelled with reviewed labels', async () => {
    const registry = createMetricsRegistry('test-service');
    new Counter({ name: 'b_total', help: 'B', labelNames: ['topic', 'outcome'], registers: [registry] }).inc({
      topic: 't',
      outcome: 'applied',
    });
    const names = labelNamesOf(await registry.metrics());
    expect(names).toContain('service');
    expect(names).toContain('outcome');
    expect(names).not.toContain('municipality');
  });
});

describe('labelNamesOf', () => {
  it('reads the label names of every series, and none from help texts or quoted values', () => {
    const exposition = [
      '# HELP x_total Counts {municipality="in help"}',
      '# TYPE x_total counter',
      'x_total{service="s",topic="a,b=\\"c\\""} 1',
      'y_bucket{le="0.5",service="s"} 2',
      'z 3',
    ].join('\n');
    expect([...labelNamesOf(exposition)].sort()).toEqual(['le', 'service', 'topic']);
  });
});
