import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ContractRegistry } from '@samenspel/contracts';
import {
  createHttpRequestDuration,
  METRIC_LABEL_NAMES,
  MetricsRegistry,
  PROMETHEUS_SERIES_LABELS,
} from '@samenspel/http';
import { MessagingRuntime, type MessageBroker } from '@samenspel/messaging';
import { createLogger } from '@samenspel/observability';
import type { DataSource } from 'typeorm';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..', '..');

/** Metric names in PromQL: our own prefixes only (Prometheus's `up` is synthetic). */
function metricsIn(exprs: string[]): Set<string> {
  const names = new Set<string>();
  for (const expr of exprs) {
    for (const [name] of expr.matchAll(/\b(samenspel|http)_[a-z0-9_]+/g)) {
      names.add(name.replace(/_(bucket|sum|count)$/, ''));
    }
  }
  return names;
}

/** Label names in PromQL: in `by (...)`, `without (...)` and `{name="..."}` matchers. */
function labelsIn(exprs: string[]): Set<string> {
  const names = new Set<string>();
  for (const expr of exprs) {
    for (const [, list] of expr.matchAll(/\b(?:by|without)\s*\(([^)]*)\)/g))
      for (const name of list.split(',')) names.add(name.trim());
    for (const [, name] of expr.matchAll(/[{,]\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)/g))
      names.add(name);
  }
  return names;
}

/** What the services register: the messaging core and HTTP metrics, built for real, and the ops console's own. */
function exported(): Set<string> {
  const registry = new MetricsRegistry();
  // The runtime registers its metrics in its constructor; nothing here connects to anything.
  new MessagingRuntime(
    { service: 't', groupId: 't', clientId: 't', source: 'urn:t', databaseUrl: 'postgres://x' },
    {} as MessageBroker,
    {} as DataSource,
    new ContractRegistry([]),
    createLogger('metrics-test', 'silent'),
    registry,
  );
  createHttpRequestDuration(registry);
  const names = new Set(registry.getMetricsAsArray().map((m) => m.name));
  // The ops console creates its gauges in injectables; their names are read from the source.
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
    );
  for (const file of walk(join(ROOT, 'apps/ops-console/src'))) {
    for (const [, name] of readFileSync(file, 'utf8').matchAll(/name: '((?:samenspel|http)_[a-z0-9_]+)'/g))
      names.add(name);
  }
  return names;
}

describe('the metrics deploy/ names', () => {
  const available = exported();

  it('every metric an alert rule names is exported by a service', () => {
    const rules = parse(readFileSync(join(ROOT, 'deploy/prometheus/alerts.yml'), 'utf8')) as {
      groups: { rules: { alert: string; expr: string }[] }[];
    };
    const exprs = rules.groups.flatMap((g) => g.rules.map((r) => r.expr));
    expect(exprs.length).toBeGreaterThanOrEqual(10);
    const missing = [...metricsIn(exprs)].filter((m) => !available.has(m));
    expect(missing).toEqual([]);
  });

  it('every metric the Grafana dashboard names is exported by a service', () => {
    const dashboard = JSON.parse(readFileSync(join(ROOT, 'deploy/grafana/samenspel.json'), 'utf8')) as {
      panels: { targets: { expr: string }[] }[];
    };
    const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr));
    const named = metricsIn(exprs);
    expect(named.size).toBeGreaterThanOrEqual(10);
    expect([...named].filter((m) => !available.has(m))).toEqual([]);
  });

  it('no alert or panel asks for a label the services do not export, such as a municipality', () => {
    const rules = parse(readFileSync(join(ROOT, 'deploy/prometheus/alerts.yml'), 'utf8')) as {
      groups: { rules: { expr: string }[] }[];
    };
    const dashboard = JSON.parse(readFileSync(join(ROOT, 'deploy/grafana/samenspel.json'), 'utf8')) as {
      panels: { targets: { expr: string }[] }[];
    };
    const exprs = [
      ...rules.groups.flatMap((g) => g.rules.map((r) => r.expr)),
      ...dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr)),
    ];
    const labels = labelsIn(exprs);
    expect(labels).toContain('service');
    // job and instance come from Prometheus's own targets.
    const known = [...METRIC_LABEL_NAMES, ...PROMETHEUS_SERIES_LABELS, 'job', 'instance'];
    expect([...labels].filter((label) => !known.includes(label))).toEqual([]);
  });

  it('alerts exist for lag, dead letters, stuck flows, outbox age and a service down', () => {
    const text = readFileSync(join(ROOT, 'deploy/prometheus/alerts.yml'), 'utf8');
    for (const needle of [
      'samenspel_consumer_group_lag',
      'samenspel_dead_letters_total',
      'rule="waitlist-no-offer"',
      'rule="offer-task-unclaimed"',
      'rule="handover-no-first-contact"',
      'rule="dead-letter-unhandled"',
      'samenspel_outbox_oldest_age_seconds',
      'up{job="samenspel"} == 0',
    ]) {
      expect([needle, text.includes(needle)]).toEqual([needle, true]);
    }
  });
});
