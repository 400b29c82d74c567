/**
 * The label names a metric may carry. Each takes a few values of our own vocabulary (a route, a
 * topic, an outcome), so no series counts a group of youngsters narrower than the whole
 * installation: never a municipality, postcode, age, team or ref. A new label is reviewed for
 * that and added here; the registry refuses any other.
 */
export const METRIC_LABEL_NAMES: readonly string[] = [
  // every series
  'service',
  // HTTP
  'method',
  'route',
  'status',
  // Kafka, the outbox and dead letters
  'outcome',
  'topic',
  'type',
  'reason',
  'group',
  // the ops console's stuck flows, the retention sweeper
  'rule',
  'table',
  // the referral flow's vocabulary
  'direction',
  'phase',
  'routed',
  'to',
  'origin',
  // Node.js default metrics
  'space',
  'kind',
  'version',
  'major',
  'minor',
  'patch',
];

/** Labels Prometheus itself puts on histogram buckets and summary quantiles. */
export const PROMETHEUS_SERIES_LABELS: readonly string[] = ['le', 'quantile'];

/** The label names of every series in a Prometheus text exposition. */
export function labelNamesOf(exposition: string): Set<string> {
  const names = new Set<string>();
  for (const [, labels] of exposition.matchAll(/^[a-zA-Z_:][a-zA-Z0-9_:]*\{([^}]*)\}/gm)) {
    for (const [, name] of labels.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="(?:[^"\\]|\\.)*"/g)) names.add(name);
  }
  return names;
}
