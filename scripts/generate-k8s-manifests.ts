/**
 * Writes the Kubernetes manifests that follow from the code, so that they cannot drift from it:
 *
 * - deploy/k8s/base/kafka/topics.yaml: a Strimzi KafkaTopic for every topic and dead-letter topic
 *   of libs/contracts (allTopicSpecs), with its partitions and retention;
 * - deploy/k8s/base/keda/scaled-objects.yaml: a KEDA ScaledObject per consuming service, with a
 *   Kafka lag trigger per topic its `@OnCloudEvent` handlers read;
 * - deploy/k8s/base/kafka/users.yaml: a Strimzi KafkaUser per service, for the intake systems and for
 *   KEDA, with ACLs from who produces a topic (its producedBy) and who consumes it (the handlers);
 * - deploy/k8s/base/monitoring/prometheus-rules.yaml: the alert rules of deploy/prometheus/alerts.yml
 *   as a PrometheusRule, for a Prometheus run by the prometheus-operator.
 *
 *   node -r reflect-metadata -r @swc-node/register scripts/generate-k8s-manifests.ts
 *
 * test/k8s/manifests.spec.ts fails when the committed files differ from what this writes.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SERVICES, type ServiceName } from '../libs/bootstrap/src/service-catalog';
import * as contracts from '../libs/contracts/src';

const ROOT = join(__dirname, '..');
export const TOPICS_FILE = join(ROOT, 'deploy', 'k8s', 'base', 'kafka', 'topics.yaml');
export const SCALED_OBJECTS_FILE = join(ROOT, 'deploy', 'k8s', 'base', 'keda', 'scaled-objects.yaml');
export const USERS_FILE = join(ROOT, 'deploy', 'k8s', 'base', 'kafka', 'users.yaml');
export const ALERTS_FILE = join(ROOT, 'deploy', 'prometheus', 'alerts.yml');
export const PROMETHEUS_RULES_FILE = join(
  ROOT,
  'deploy',
  'k8s',
  'base',
  'monitoring',
  'prometheus-rules.yaml',
);

/** The Strimzi cluster (deploy/k8s/base/kafka/cluster.yaml) and its TLS + SCRAM-SHA-512 listener. */
export const KAFKA_CLUSTER = 'samenspel';
export const KAFKA_BOOTSTRAP = `${KAFKA_CLUSTER}-kafka-bootstrap:9093`;
/** keda/trigger-authentication.yaml: KEDA's own Kafka user and the cluster CA. */
export const KEDA_AUTHENTICATION = 'samenspel-kafka';
export const REPLICAS = 3;
export const MIN_IN_SYNC_REPLICAS = 2;
/** Lag per instance above which KEDA adds an instance. */
export const LAG_THRESHOLD = 50;
export const MIN_INSTANCES = 2;

/** The ops console's flow monitor reads every topic and dead-letter topic raw, not through handlers. */
export const READS_EVERY_TOPIC: ServiceName = 'ops-console';
/** The ops console replays dead letters onto the topic they came from, and reads every group's lag. */
export const REPLAYS_DEAD_LETTERS: ServiceName = 'ops-console';
/** The Kafka user of the jeugdzorg intake systems: one such user per system in an installation. */
export const INTAKE_USER = 'jeugdzorg-intake';
/** KEDA's Kafka user, whose password is in the secret keda/trigger-authentication.yaml reads. */
export const KEDA_USER = 'samenspel-keda';
export const KEDA_SECRET = 'samenspel-keda-kafka';

const HANDLER = /@OnCloudEvent\(\s*([A-Z][A-Z0-9_]*)\.([A-Za-z0-9_]+)\s*\)/g;
const LIB_IMPORT = /from '@samenspel\/([a-z-]+)'/g;

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !/\.(int-)?spec\.ts$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/**
 * The topics a service's `@OnCloudEvent` handlers subscribe to: those in its own sources and in the
 * libraries it imports (directly or through another library), such as libs/erasure. libs/messaging
 * defines the decorator and registers no handler of its own.
 */
export function consumedTopics(name: ServiceName): string[] {
  const files = sourcesUnder(join(ROOT, 'apps', name, 'src'));
  const seenLibs = new Set<string>(['messaging']);
  const types = new Set<string>();
  for (let i = 0; i < files.length; i++) {
    const text = readFileSync(files[i], 'utf8');
    for (const [, lib] of text.matchAll(LIB_IMPORT)) {
      if (seenLibs.has(lib)) continue;
      seenLibs.add(lib);
      files.push(...sourcesUnder(join(ROOT, 'libs', lib, 'src')));
    }
    const handlers = [...text.matchAll(HANDLER)];
    if (handlers.length !== text.split('@OnCloudEvent(').length - 1) {
      throw new Error(`${relative(ROOT, files[i])}: an @OnCloudEvent argument is not CONSTANT.member`);
    }
    for (const [, group, member] of handlers) {
      const type = (contracts as unknown as Record<string, Record<string, unknown> | undefined>)[group]?.[
        member
      ];
      if (typeof type !== 'string')
        throw new Error(`${relative(ROOT, files[i])}: unknown ${group}.${member}`);
      types.add(type);
    }
  }
  const topics = [...types].map((type) => {
    const contract = contracts.SAMENSPEL_CONTRACTS.find((c) => c.type === type);
    if (!contract) throw new Error(`no contract for ${type}`);
    return contract.topic;
  });
  return [...new Set(topics)].sort();
}

/** Who writes a topic, read from its producedBy in libs/contracts/src/topics.ts. */
export function producersOf(spec: contracts.TopicSpec): { services: ServiceName[]; intake: boolean } {
  if (spec.producedBy === 'jeugdzorg intake systems') return { services: [], intake: true };
  if (spec.producedBy === 'every service') return { services: SERVICES.map((s) => s.name), intake: false };
  const named = SERVICES.find((s) => spec.producedBy === `${s.name} service`);
  if (!named) throw new Error(`${spec.name}: producedBy '${spec.producedBy}' names no service`);
  return { services: [named.name], intake: false };
}

/** What a Kafka user may do on each topic (besides Describe, which it has on every topic it uses). */
export interface TopicAccess {
  reads: Set<string>;
  writes: Set<string>;
}

/**
 * A service reads the topics its handlers consume (the ops console every topic and dead-letter
 * topic), and writes the topics it produces and the dead-letter topics of those it consumes; the
 * ops console also writes every consumed topic, where it replays dead letters.
 */
export function serviceAccess(name: ServiceName): TopicAccess {
  const consumed = consumedTopics(name);
  const everyTopic = contracts.allTopicSpecs(contracts.TOPIC_SPECS).map((s) => s.name);
  const reads = new Set(name === READS_EVERY_TOPIC ? everyTopic : consumed);
  const writes = new Set([
    ...contracts.TOPIC_SPECS.filter((spec) => producersOf(spec).services.includes(name)).map((s) => s.name),
    ...consumed.map(contracts.dlqTopic),
  ]);
  if (name === REPLAYS_DEAD_LETTERS) {
    for (const service of SERVICES) consumedTopics(service.name).forEach((topic) => writes.add(topic));
  }
  return { reads, writes };
}

/** The intake systems write the topics they own and read nothing. */
export function intakeAccess(): TopicAccess {
  const owned = contracts.TOPIC_SPECS.filter((spec) => producersOf(spec).intake).map((s) => s.name);
  return { reads: new Set(), writes: new Set(owned) };
}

function aclYaml(type: string, name: string | undefined, operations: string[]): string[] {
  return [
    '      - resource:',
    `          type: ${type}`,
    ...(name === undefined ? [] : [`          name: ${name}`, '          patternType: literal']),
    `        operations: [${operations.join(', ')}]`,
  ];
}

/** Topic ACLs in the order of allTopicSpecs, one per topic with every operation the user has on it. */
function topicAclsYaml(access: TopicAccess, describeAll: boolean): string[] {
  return contracts.allTopicSpecs(contracts.TOPIC_SPECS).flatMap((spec) => {
    const operations = [
      ...(describeAll || access.reads.has(spec.name) || access.writes.has(spec.name) ? ['Describe'] : []),
      ...(access.reads.has(spec.name) ? ['Read'] : []),
      ...(access.writes.has(spec.name) ? ['Write'] : []),
    ];
    return operations.length ? aclYaml('topic', spec.name, operations) : [];
  });
}

function kafkaUserYaml(
  name: string,
  labels: string[],
  acls: string[],
  password?: { secret: string; key: string },
): string {
  return [
    'apiVersion: kafka.strimzi.io/v1',
    'kind: KafkaUser',
    'metadata:',
    `  name: ${name}`,
    '  labels:',
    `    strimzi.io/cluster: ${KAFKA_CLUSTER}`,
    ...labels.map((label) => `    ${label}`),
    'spec:',
    '  authentication:',
    '    type: scram-sha-512',
    ...(password
      ? [
          '    password:',
          '      valueFrom:',
          '        secretKeyRef:',
          `          name: ${password.secret}`,
          `          key: ${password.key}`,
        ]
      : []),
    '  authorization:',
    '    type: simple',
    '    acls:',
    ...acls,
  ].join('\n');
}

export function kafkaUsersYaml(): string {
  const header = [
    '# Generated by scripts/generate-k8s-manifests.ts from libs/contracts/src/topics.ts (who produces a',
    '# topic) and the services’ @OnCloudEvent handlers (who consumes it): do not edit.',
    '#',
    '# A Kafka user per service (SCRAM-SHA-512), named as its client id; the User Operator writes each',
    '# password into a secret of the same name, which the service reads as KAFKA_SASL_PASSWORD. A service',
    '# reads what it consumes, writes what it produces and the dead-letter topics of what it consumes, and',
    '# joins only its own consumer group. It may describe every topic, as it checks at start-up that each',
    '# exists; it may create none, since the KafkaTopic resources (topics.yaml) do.',
    `# The ${READS_EVERY_TOPIC} reads every topic and dead-letter topic for its flow monitor, writes every`,
    '# consumed topic to replay dead letters, and describes every service’s group for its lag overview.',
  ];
  const cluster = aclYaml('cluster', undefined, ['Describe', 'IdempotentWrite']);
  const services = SERVICES.map((service) =>
    kafkaUserYaml(
      service.clientId,
      [`app.kubernetes.io/name: ${service.name}`, 'app.kubernetes.io/part-of: samenspel'],
      [
        ...topicAclsYaml(serviceAccess(service.name), true),
        ...(service.name === REPLAYS_DEAD_LETTERS
          ? SERVICES.filter((s) => s.name !== service.name).flatMap((s) =>
              aclYaml('group', s.groupId, ['Describe']),
            )
          : []),
        ...aclYaml('group', service.groupId, ['Describe', 'Read']),
        ...cluster,
      ],
    ),
  );
  const intake = [
    '# The jeugdzorg intake systems write the jeugdzorg.* topics they own, and read nothing. Give each',
    '# system a copy of this user under its own name (an overlay), with only the topics it publishes.',
    kafkaUserYaml(
      INTAKE_USER,
      ['app.kubernetes.io/part-of: samenspel'],
      [...topicAclsYaml(intakeAccess(), false), ...aclYaml('cluster', undefined, ['IdempotentWrite'])],
    ),
  ].join('\n');
  const keda = [
    '# KEDA’s operator reads the consumer groups’ lag. Its password is yours to set (KEDA needs the user',
    `# name and the password in one secret): the secret ${KEDA_SECRET}, keys username and password.`,
    kafkaUserYaml(
      KEDA_USER,
      ['app.kubernetes.io/part-of: samenspel'],
      [
        ...contracts.TOPIC_SPECS.flatMap((spec) => aclYaml('topic', spec.name, ['Describe'])),
        ...SERVICES.flatMap((service) => aclYaml('group', service.groupId, ['Describe'])),
      ],
      { secret: KEDA_SECRET, key: 'password' },
    ),
  ].join('\n');
  return `${header.join('\n')}\n${[...services, intake, keda].join('\n---\n')}\n`;
}

/** deploy/prometheus/alerts.yml as a PrometheusRule: its `groups:` and all below, indented under spec. */
export function prometheusRulesYaml(): string {
  const alerts = readFileSync(ALERTS_FILE, 'utf8');
  const start = alerts.search(/^groups:$/m);
  if (start < 0) throw new Error(`${relative(ROOT, ALERTS_FILE)}: no top-level groups`);
  const groups = alerts
    .slice(start)
    .trimEnd()
    .split('\n')
    .map((line) => (line ? `  ${line}` : line));
  return [
    '# Generated by scripts/generate-k8s-manifests.ts from deploy/prometheus/alerts.yml: do not edit.',
    'apiVersion: monitoring.coreos.com/v1',
    'kind: PrometheusRule',
    'metadata:',
    '  name: samenspel',
    '  labels:',
    '    app.kubernetes.io/part-of: samenspel',
    'spec:',
    ...groups,
    '',
  ].join('\n');
}

export function kafkaTopicsYaml(): string {
  const header = [
    '# Generated by scripts/generate-k8s-manifests.ts from libs/contracts/src/topics.ts: do not edit.',
    '# Every topic and its dead-letter topic, three replicas, two of which must acknowledge a write.',
  ];
  const topics = contracts
    .allTopicSpecs(contracts.TOPIC_SPECS)
    .map((spec) =>
      [
        'apiVersion: kafka.strimzi.io/v1',
        'kind: KafkaTopic',
        'metadata:',
        `  name: ${spec.name}`,
        '  labels:',
        `    strimzi.io/cluster: ${KAFKA_CLUSTER}`,
        'spec:',
        `  topicName: ${spec.name}`,
        `  partitions: ${spec.partitions}`,
        `  replicas: ${REPLICAS}`,
        '  config:',
        '    cleanup.policy: delete',
        `    min.insync.replicas: ${MIN_IN_SYNC_REPLICAS}`,
        `    retention.ms: ${spec.retentionMs}`,
      ].join('\n'),
    );
  return `${header.join('\n')}\n${topics.join('\n---\n')}\n`;
}

export function scaledObjectsYaml(): string {
  const partitions = Object.fromEntries(
    contracts.allTopicSpecs(contracts.TOPIC_SPECS).map((s) => [s.name, s.partitions]),
  );
  const header = [
    '# Generated by scripts/generate-k8s-manifests.ts from the services’ @OnCloudEvent handlers: do not edit.',
    '# Each consuming service scales on the lag of its consumer group: one trigger per topic it reads,',
    '# the highest wins. Never more instances than partitions, where extra group members would idle.',
    `# The ${READS_EVERY_TOPIC} flow monitor reads every topic: without a topic, KEDA takes the group’s whole lag.`,
  ];
  const objects = SERVICES.flatMap((service) => {
    const everything = service.name === READS_EVERY_TOPIC;
    const topics = everything ? [] : consumedTopics(service.name);
    if (!everything && topics.length === 0) return [];
    const maxInstances = Math.min(
      ...(everything ? contracts.TOPIC_SPECS.map((s) => s.partitions) : topics.map((t) => partitions[t])),
    );
    const trigger = (topic?: string) =>
      [
        '    - type: kafka',
        '      metadata:',
        `        bootstrapServers: ${KAFKA_BOOTSTRAP}`,
        `        consumerGroup: ${service.groupId}`,
        ...(topic ? [`        topic: ${topic}`] : []),
        `        lagThreshold: '${LAG_THRESHOLD}'`,
        // KAFKA_FROM_BEGINNING=true: a new group starts at the oldest retained event.
        '        offsetResetPolicy: earliest',
        "        allowIdleConsumers: 'false'",
        '        sasl: scram_sha512',
        '        tls: enable',
        '      authenticationRef:',
        `        name: ${KEDA_AUTHENTICATION}`,
      ].join('\n');
    return [
      [
        'apiVersion: keda.sh/v1alpha1',
        'kind: ScaledObject',
        'metadata:',
        `  name: ${service.name}`,
        '  labels:',
        `    app.kubernetes.io/name: ${service.name}`,
        '    app.kubernetes.io/part-of: samenspel',
        'spec:',
        '  scaleTargetRef:',
        `    name: ${service.name}`,
        `  minReplicaCount: ${MIN_INSTANCES}`,
        `  maxReplicaCount: ${maxInstances}`,
        '  pollingInterval: 15',
        '  cooldownPeriod: 300',
        '  advanced:',
        '    horizontalPodAutoscalerConfig:',
        '      behavior:',
        '        scaleDown:',
        '          stabilizationWindowSeconds: 300',
        '  triggers:',
        ...(everything ? [trigger()] : topics.map(trigger)),
      ].join('\n'),
    ];
  });
  return `${header.join('\n')}\n${objects.join('\n---\n')}\n`;
}

if (require.main === module) {
  const files: [string, () => string][] = [
    [TOPICS_FILE, kafkaTopicsYaml],
    [SCALED_OBJECTS_FILE, scaledObjectsYaml],
    [USERS_FILE, kafkaUsersYaml],
    [PROMETHEUS_RULES_FILE, prometheusRulesYaml],
  ];
  for (const [file, render] of files) writeFileSync(file, render());
  console.log(`wrote ${files.map(([file]) => relative(ROOT, file)).join(', ')}`);
}
