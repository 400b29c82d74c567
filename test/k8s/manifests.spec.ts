import 'reflect-metadata';
import { SERVICES, type ServiceDescriptor, type ServiceName } from '@samenspel/bootstrap';
import {
  allTopicSpecs,
  dlqTopic,
  PRIVACY_EVENT_TYPES,
  SAMENSPEL_CONTRACTS,
  TOPIC_SPECS,
} from '@samenspel/contracts';
import { loadConfig } from '@samenspel/http';
import { getMetadataStorage } from 'class-validator';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { ActivityConfig } from '../../apps/activity/src/config/activity.config';
import { NotificationConfig } from '../../apps/notification/src/config/notification.config';
import { OpsConsoleConfig } from '../../apps/ops-console/src/config/ops-console.config';
import { ReferralConfig } from '../../apps/referral/src/config/referral.config';
import { BridgingConfig } from '../../apps/waitlist-bridging/src/config/bridging.config';
import {
  ALERTS_FILE,
  consumedTopics,
  kafkaTopicsYaml,
  kafkaUsersYaml,
  PROMETHEUS_RULES_FILE,
  prometheusRulesYaml,
  READS_EVERY_TOPIC,
  SCALED_OBJECTS_FILE,
  scaledObjectsYaml,
  TOPICS_FILE,
  USERS_FILE,
} from '../../scripts/generate-k8s-manifests';
import { kustomize, type Manifest } from './kustomize';

/** deploy/k8s, rendered as `kubectl kustomize` would, checked against the code it deploys. */
const ROOT = join(__dirname, '..', '..');
const K8S = join(ROOT, 'deploy', 'k8s');

const CONFIG_CLASSES: Record<ServiceName, new () => object> = {
  'ops-console': OpsConsoleConfig,
  referral: ReferralConfig,
  'waitlist-bridging': BridgingConfig,
  activity: ActivityConfig,
  notification: NotificationConfig,
};

/**
 * The one variable a Deployment sets that no config class declares: node-postgres reads the password
 * from PGPASSWORD when DATABASE_URL has none, so the URL can sit in a ConfigMap.
 */
const DRIVER_VARIABLES = ['PGPASSWORD'];

/** Synthetic values for the variables that come from secrets, to prove the rest of the config valid. */
const SECRET_SAMPLES: Record<string, string> = {
  PGPASSWORD: 'synthetic-password',
  AUTH_CLIENT_SECRET: 'synthetic-client-secret',
  SIGN_IN_CLIENT_SECRET: 'synthetic-sign-in-client-secret',
  NOTE_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
  NOTE_ENCRYPTION_KEY_ID: 'k2',
  NOTE_ENCRYPTION_PREVIOUS_KEYS: `k1:${Buffer.alloc(32, 2).toString('base64')}`,
  SMTP_URL: 'smtp://mail.synthetic.test:587',
  KAFKA_SASL_PASSWORD: 'synthetic-kafka-password',
  METRICS_TOKEN: 'synthetic-scrape-token-of-at-least-32-chars',
};

interface Container {
  name: string;
  image: string;
  ports?: { name?: string; containerPort: number }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  env?: {
    name: string;
    value?: string;
    valueFrom?: {
      secretKeyRef?: { name: string; key: string; optional?: boolean };
      configMapKeyRef?: { name: string; key: string };
    };
  }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean };
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  volumeMounts?: { name: string; mountPath: string }[];
}
interface Probe {
  httpGet?: { path: string; port: string | number };
}
interface PodSpec {
  containers: Container[];
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  volumes?: {
    name: string;
    emptyDir?: object;
    secret?: { secretName: string; items?: { key: string; path: string }[] };
  }[];
}
interface Deployment extends Manifest {
  spec: {
    replicas?: number;
    selector: { matchLabels: Record<string, string> };
    template: { metadata: { labels: Record<string, string> }; spec: PodSpec };
  };
}
interface KedaTrigger {
  type: string;
  metadata: {
    bootstrapServers: string;
    consumerGroup: string;
    topic?: string;
    lagThreshold: string;
    sasl?: string;
    tls?: string;
  };
  authenticationRef?: { name: string };
}
interface ScaledObject extends Manifest {
  spec: {
    scaleTargetRef: { name: string };
    minReplicaCount: number;
    maxReplicaCount: number;
    triggers: KedaTrigger[];
  };
}

interface KafkaListener {
  name: string;
  port: number;
  tls: boolean;
  authentication?: { type: string };
  networkPolicyPeers?: {
    podSelector?: { matchLabels: Record<string, string> };
    namespaceSelector?: object;
  }[];
}
interface Kafka extends Manifest {
  spec: {
    kafka: { version: string; listeners: KafkaListener[]; config: Record<string, unknown> };
    kafkaExporter?: { topicRegex?: string; groupRegex?: string };
  };
}
interface KafkaAcl {
  resource: { type: string; name?: string; patternType?: string };
  operations: string[];
}
interface KafkaUser extends Manifest {
  spec: {
    authentication: {
      type: string;
      password?: { valueFrom: { secretKeyRef: { name: string; key: string } } };
    };
    authorization: { type: string; acls: KafkaAcl[] };
  };
}
interface TriggerAuthentication extends Manifest {
  spec: { secretTargetRef: { parameter: string; name: string; key: string }[] };
}

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: {
    key: string;
    operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    values?: string[];
  }[];
}
interface PodMonitor extends Manifest {
  spec: {
    jobLabel?: string;
    selector: LabelSelector;
    podMetricsEndpoints: {
      port: string;
      path?: string;
      honorLabels?: boolean;
      authorization?: { type?: string; credentials?: { name: string; key: string } };
      relabelings?: { sourceLabels?: string[]; targetLabel?: string; action?: string }[];
    }[];
  };
}

/** Whether Kubernetes label selector semantics select a set of labels. */
function selects(selector: LabelSelector, labels: Record<string, string>): boolean {
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpressions = (selector.matchExpressions ?? []).every((e) => {
    switch (e.operator) {
      case 'In':
        return e.key in labels && (e.values ?? []).includes(labels[e.key]);
      case 'NotIn':
        return !(e.key in labels) || !(e.values ?? []).includes(labels[e.key]);
      case 'Exists':
        return e.key in labels;
      case 'DoesNotExist':
        return !(e.key in labels);
    }
  });
  return byLabels && byExpressions;
}

interface PolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}
interface PolicyRule {
  ports?: { protocol?: string; port?: number | string }[];
  from?: PolicyPeer[];
  to?: PolicyPeer[];
}
interface NetworkPolicy extends Manifest {
  spec: {
    podSelector: LabelSelector;
    policyTypes: ('Ingress' | 'Egress')[];
    ingress?: PolicyRule[];
    egress?: PolicyRule[];
  };
}
/** One end of a connection: a pod (its namespace, labels and named ports) or an address outside. */
type Endpoint =
  { namespace: string; labels: Record<string, string>; ports?: Record<string, number> } | { ip: string };

function ipv4(address: string): number {
  return address.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}
function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  return Math.floor(ipv4(ip) / size) === Math.floor(ipv4(base) / size);
}

/** Whether a policy peer stands for an endpoint, as Kubernetes reads a peer of a policy in `namespace`. */
function peerMatches(peer: PolicyPeer, endpoint: Endpoint, namespace: string): boolean {
  if ('ip' in endpoint) {
    return (
      peer.ipBlock !== undefined &&
      inCidr(endpoint.ip, peer.ipBlock.cidr) &&
      !(peer.ipBlock.except ?? []).some((cidr) => inCidr(endpoint.ip, cidr))
    );
  }
  if (peer.ipBlock) return false; // pod addresses are private: the policies' ipBlocks all except them
  const inNamespace = peer.namespaceSelector
    ? selects(peer.namespaceSelector, { 'kubernetes.io/metadata.name': endpoint.namespace })
    : endpoint.namespace === namespace;
  return inNamespace && selects(peer.podSelector ?? {}, endpoint.labels);
}

/**
 * Whether the policies let `from` open a connection to `to` on a port (a number, or the name of a
 * container port of `to`): NetworkPolicy's union semantics, in both directions. A pod no policy of
 * a direction selects is open in that direction.
 */
function connects(policies: NetworkPolicy[], from: Endpoint, to: Endpoint, port: number): boolean {
  const namedPort = (rulePort: number | string | undefined) =>
    typeof rulePort === 'string' && 'labels' in to ? to.ports?.[rulePort] : rulePort;
  const allowedBy = (pod: Endpoint, direction: 'Ingress' | 'Egress', other: Endpoint) => {
    if (!('labels' in pod) || pod.namespace !== 'samenspel') return true;
    const selecting = policies.filter(
      (p) => p.spec.policyTypes.includes(direction) && selects(p.spec.podSelector, pod.labels),
    );
    if (selecting.length === 0) return true;
    return selecting.some((p) =>
      (direction === 'Ingress' ? (p.spec.ingress ?? []) : (p.spec.egress ?? [])).some((rule) => {
        const peers = direction === 'Ingress' ? rule.from : rule.to;
        const portOk =
          !rule.ports || rule.ports.some((rp) => rp.port === undefined || namedPort(rp.port) === port);
        const peerOk = !peers || peers.some((peer) => peerMatches(peer, other, 'samenspel'));
        return portOk && peerOk;
      }),
    );
  };
  return allowedBy(from, 'Egress', to) && allowedBy(to, 'Ingress', from);
}

/** Whether a user's ACLs grant an operation on a resource (literal or prefix patterns). */
function allows(user: KafkaUser, type: string, name: string, operation: string): boolean {
  return user.spec.authorization.acls.some(
    (acl) =>
      acl.resource.type === type &&
      acl.operations.includes(operation) &&
      (acl.resource.patternType === 'prefix'
        ? name.startsWith(acl.resource.name ?? '')
        : acl.resource.name === name),
  );
}

const rendered = kustomize(join(K8S, 'overlays', 'production'));
const base = kustomize(join(K8S, 'base'));

function all<T extends Manifest>(kind: string, from: Manifest[] = rendered): T[] {
  return from.filter((m) => m.kind === kind) as T[];
}
function one<T extends Manifest>(kind: string, name: string, from: Manifest[] = rendered): T {
  const found = all<T>(kind, from).filter((m) => m.metadata.name === name);
  if (found.length !== 1) throw new Error(`expected one ${kind} ${name}, found ${found.length}`);
  return found[0];
}
const deploymentOf = (name: string) => one<Deployment>('Deployment', name);
const containerOf = (name: string) => {
  const containers = deploymentOf(name).spec.template.spec.containers;
  expect(containers).toHaveLength(1);
  return containers[0];
};
/** The fewest instances a service runs: KEDA's minimum when a ScaledObject owns it, else its replicas. */
function minimumInstances(name: string): number {
  const scaled = all<ScaledObject>('ScaledObject').find((s) => s.spec.scaleTargetRef.name === name);
  return scaled ? scaled.spec.minReplicaCount : (deploymentOf(name).spec.replicas ?? 1);
}
const configMapData = (name: string) =>
  one<Manifest & { data: Record<string, string> }>('ConfigMap', name).data;

/** Every variable a service's container sets, by source: ConfigMaps (envFrom) and its env list. */
function environmentOf(name: string) {
  const container = containerOf(name);
  const fromConfigMaps = (container.envFrom ?? []).map((source) => {
    if (!source.configMapRef) throw new Error('envFrom takes ConfigMaps only, whose keys this test can see');
    return configMapData(source.configMapRef.name);
  });
  const env = container.env ?? [];
  return { fromConfigMaps, env };
}

/** The files a container gets from secret volumes, as `mountPath/path` → the secret and key. */
function mountedSecretFiles(name: string): Map<string, { secretName: string; key: string }> {
  const volumes = deploymentOf(name).spec.template.spec.volumes ?? [];
  const files = new Map<string, { secretName: string; key: string }>();
  for (const mount of containerOf(name).volumeMounts ?? []) {
    const secret = volumes.find((v) => v.name === mount.name)?.secret;
    for (const item of secret?.items ?? []) {
      files.set(`${mount.mountPath}/${item.path}`, { secretName: secret!.secretName, key: item.key });
    }
  }
  return files;
}

/** A readable stand-in for a mounted certificate, for the config's file checks. */
const MOUNTED_FILE_STAND_IN = join(mkdtempSync(join(tmpdir(), 'samenspel-k8s-mounts-')), 'ca.crt');
writeFileSync(MOUNTED_FILE_STAND_IN, '-----BEGIN CERTIFICATE-----\nsynthetic\n-----END CERTIFICATE-----\n');
afterAll(() => rmSync(join(MOUNTED_FILE_STAND_IN, '..'), { recursive: true, force: true }));

/**
 * The environment as the service will see it, with synthetic values for the secret ones and a
 * readable stand-in for each file the pod gets from a secret volume.
 */
function resolvedEnvironment(name: string): Record<string, string> {
  const { fromConfigMaps, env } = environmentOf(name);
  const mounted = mountedSecretFiles(name);
  const resolved: Record<string, string> = Object.assign({}, ...fromConfigMaps);
  for (const [key, value] of Object.entries(resolved)) {
    if (mounted.has(value)) resolved[key] = MOUNTED_FILE_STAND_IN;
  }
  for (const variable of env) {
    if (variable.value !== undefined) resolved[variable.name] = variable.value;
    else if (variable.valueFrom?.secretKeyRef) {
      const sample = SECRET_SAMPLES[variable.name];
      if (sample === undefined) throw new Error(`no synthetic sample for the secret ${variable.name}`);
      resolved[variable.name] = sample;
    } else throw new Error(`${name}: ${variable.name} has a source this test does not resolve`);
  }
  return resolved;
}

/** What loadConfig reads: the properties with class-validator metadata, inherited ones included. */
function declaredVariables(cls: new () => object): Set<string> {
  return new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(cls, '', true, false)
      .map((m) => m.propertyName),
  );
}

/** Kubernetes quantities in bytes (Mi, Gi) or cores (m). */
function quantity(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(Mi|Gi|m)?$/.exec(value);
  if (!match) throw new Error(`unsupported quantity ${value}`);
  const factor = { Mi: 2 ** 20, Gi: 2 ** 30, m: 0.001 }[match[2] as 'Mi' | 'Gi' | 'm'] ?? 1;
  return Number(match[1]) * factor;
}

const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { image?: string; build?: { args?: Record<string, string> } }>;
};
const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const byName = SERVICES.map((s) => [s.name, s] as [ServiceName, ServiceDescriptor]);

describe('deploy/k8s', () => {
  describe('rendering', () => {
    it('renders the base and the production overlay into valid resources', () => {
      expect(base.length).toBeGreaterThan(0);
      expect(rendered.length).toBe(base.length + 1); // the overlay adds the Namespace
      for (const manifest of rendered)
        expect(manifest.metadata.name).toMatch(/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/);
    });

    it('puts every resource but the Namespace itself in the samenspel namespace', () => {
      const namespace = one('Namespace', 'samenspel');
      expect(namespace.metadata.namespace).toBeUndefined();
      const elsewhere = rendered.filter((m) => m !== namespace && m.metadata.namespace !== 'samenspel');
      expect(elsewhere.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual([]);
    });

    it('applies the overlay’s patches to the production config only', () => {
      expect(configMapData('samenspel-common').AUTH_JWKS_URL).toMatch(/^https:\/\//);
      expect(
        one<Manifest & { data: Record<string, string> }>('ConfigMap', 'samenspel-common', base).data
          .AUTH_JWKS_URL,
      ).toBe('');
    });
  });

  describe('the renderer', () => {
    const dirs: string[] = [];
    afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
    const scratch = (files: Record<string, string>) => {
      const dir = mkdtempSync(join(tmpdir(), 'samenspel-kustomize-'));
      dirs.push(dir);
      for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
      return dir;
    };
    const KUSTOMIZATION = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n';
    const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  X: "1"\n';

    it('refuses a kustomize feature it does not implement, rather than ignore it', () => {
      const dir = scratch({
        'kustomization.yaml': `${KUSTOMIZATION}namePrefix: x-\nresources: [a.yaml]\n`,
        'a.yaml': CONFIG_MAP,
      });
      expect(() => kustomize(dir)).toThrow(/unsupported fields namePrefix/);
    });

    it('points a container at another registry and tag with images, as `kustomize edit set image` does', () => {
      const deployment = [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: { name: d }',
        'spec:',
        '  template:',
        '    spec:',
        '      containers: [{ name: c, image: samenspel/referral:0.1.0 }, { name: o, image: other:1 }]',
      ].join('\n');
      const dir = scratch({
        'kustomization.yaml': `${KUSTOMIZATION}resources: [d.yaml]\nimages:\n  - name: samenspel/referral\n    newName: registry.test:5000/samenspel/referral\n    newTag: 0.2.0\n`,
        'd.yaml': deployment,
      });
      const [deploymentRendered] = kustomize(dir) as Deployment[];
      expect(deploymentRendered.spec.template.spec.containers.map((c) => c.image)).toEqual([
        'registry.test:5000/samenspel/referral:0.2.0',
        'other:1',
      ]);
    });

    it('pins the images by digest as docs/operations.md shows a release doing it', () => {
      const operations = readFileSync(join(ROOT, 'docs', 'operations.md'), 'utf8');
      const example = [...operations.matchAll(/```yaml\n([\s\S]*?)```/g)]
        .map((m) => parse(m[1]) as { images?: { name: string; newName: string; digest: string }[] })
        .find((block) => block?.images);
      expect(example?.images?.length).toBeGreaterThan(0);
      const built = Object.values(compose.services).map((s) => s.image?.split(':')[0]);
      for (const image of example!.images!) {
        expect(built).toContain(image.name);
        expect(image.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      }
      // A release's overlay: the production overlay, and the images of the example.
      const release = { resources: [join(K8S, 'overlays', 'production')], images: example!.images };
      const pinned = kustomize(scratch({ 'kustomization.yaml': `${KUSTOMIZATION}${stringify(release)}` }));
      for (const image of example!.images!) {
        const name = image.name.split('/')[1];
        const [container] = one<Deployment>('Deployment', name, pinned).spec.template.spec.containers;
        expect(container.image).toBe(`${image.newName}@${image.digest}`);
      }
      // What is committed names tags only: the digests come with a release.
      const images = all<Deployment>('Deployment').flatMap((d) =>
        d.spec.template.spec.containers.map((c) => c.image),
      );
      expect(images.filter((image) => image.includes('@'))).toEqual([]);
    });

    it('refuses YAML with a duplicate key', () => {
      const dir = scratch({
        'kustomization.yaml': `${KUSTOMIZATION}resources: [a.yaml]\n`,
        'a.yaml': `${CONFIG_MAP}  X: "2"\n`,
      });
      expect(() => kustomize(dir)).toThrow(/a\.yaml/);
    });

    it('refuses a patch that replaces a value that is not there', () => {
      const dir = scratch({
        'kustomization.yaml': `${KUSTOMIZATION}resources: [a.yaml]\npatches:\n  - path: p.yaml\n    target: { kind: ConfigMap, name: a }\n`,
        'a.yaml': CONFIG_MAP,
        'p.yaml': '- op: replace\n  path: /data/Y\n  value: "2"\n',
      });
      expect(() => kustomize(dir)).toThrow(/cannot replace missing \/data\/Y/);
    });
  });

  describe.each(byName)('the %s Deployment', (name, service) => {
    const configClass = CONFIG_CLASSES[name];

    it('runs the image docker-compose builds from deploy/Dockerfile for this service', () => {
      expect(compose.services[name].build?.args?.SERVICE).toBe(name);
      expect(compose.services[name].image).toBe(`samenspel/${name}:${version}`);
      // An overlay may push it to a registry of its own (images:), under the same name and tag.
      expect(containerOf(name).image).toMatch(
        new RegExp(`^([a-z0-9.:-]+/)?${compose.services[name].image?.replace(/\./g, '\\.')}$`),
      );
      expect(one<Deployment>('Deployment', name, base).spec.template.spec.containers[0].image).toBe(
        compose.services[name].image,
      );
    });

    it('sets only variables its config class declares (and PGPASSWORD), each once', () => {
      const { fromConfigMaps, env } = environmentOf(name);
      const names = [...fromConfigMaps.flatMap((data) => Object.keys(data)), ...env.map((e) => e.name)];
      const declared = declaredVariables(configClass);
      expect(names.filter((n) => !declared.has(n) && !DRIVER_VARIABLES.includes(n))).toEqual([]);
      expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    });

    it('gives it a configuration that passes validation in production', () => {
      const env = resolvedEnvironment(name);
      const config = loadConfig(configClass, env) as { NODE_ENV: string; PORT: number; HOST: string };
      expect(config.NODE_ENV).toBe('production');
      expect(config.PORT).toBe(service.port);
      expect(config.HOST).toBe('0.0.0.0');
      for (const required of ['DATABASE_URL', 'KAFKA_BROKERS', 'PORT', 'NODE_ENV', 'HOST']) {
        expect(env[required]).toBeTruthy();
      }
      // Tokens are verified with the identity provider's keys.
      expect(env.AUTH_JWKS_URL).toMatch(/^https:\/\//);
    });

    it('takes its database and Kafka passwords, and its own note key if it keeps notes, from secrets', () => {
      const keepsNotes = declaredVariables(configClass).has('NOTE_ENCRYPTION_KEY');
      const callsAsItself = declaredVariables(configClass).has('AUTH_CLIENT_SECRET');
      // A service with pages signs people in as a client of its own (SIGN_IN_CLIENT_ID has a default).
      const signsIn = (new configClass() as { SIGN_IN_CLIENT_ID?: string }).SIGN_IN_CLIENT_ID !== undefined;
      const required = (containerOf(name).env ?? []).filter(
        (e) => e.valueFrom?.secretKeyRef && !e.valueFrom.secretKeyRef.optional,
      );
      expect(required.map((e) => e.name).sort()).toEqual([
        ...(callsAsItself ? ['AUTH_CLIENT_SECRET'] : []),
        'KAFKA_SASL_PASSWORD',
        'METRICS_TOKEN',
        ...(keepsNotes ? ['NOTE_ENCRYPTION_KEY', 'NOTE_ENCRYPTION_KEY_ID'] : []),
        'PGPASSWORD',
        ...(signsIn ? ['SIGN_IN_CLIENT_SECRET'] : []),
      ]);
      if (!keepsNotes) return;
      const noteKey = required.find((e) => e.name === 'NOTE_ENCRYPTION_KEY')?.valueFrom?.secretKeyRef;
      expect(noteKey).toEqual({ name: `samenspel-${name}-notes`, key: 'NOTE_ENCRYPTION_KEY' });
      // Without its secret the service would fall back to the public development key, which
      // production refuses: the pod does not start rather than encrypt with a known key.
      const withoutSecrets = resolvedEnvironment(name);
      for (const secret of required) delete withoutSecrets[secret.name];
      expect(() => loadConfig(configClass, withoutSecrets)).toThrow(/NOTE_ENCRYPTION_KEY/);
    });

    it('connects to its own database on the CloudNativePG primary as its own role, over verified TLS', () => {
      const env = resolvedEnvironment(name);
      const url = new URL(env.DATABASE_URL);
      const [cluster] = all<
        Manifest & {
          spec: { managed: { roles: { name: string; login: boolean; passwordSecret: { name: string } }[] } };
        }
      >('Cluster');
      const database = all<Manifest & { spec: { name: string; owner: string; cluster: { name: string } } }>(
        'Database',
      ).find((d) => d.spec.name === service.database);
      expect(database?.spec.cluster.name).toBe(cluster.metadata.name);
      expect(url.hostname).toBe(`${cluster.metadata.name}-rw`);
      expect(url.password).toBe('');
      expect(decodeURIComponent(url.username)).toBe(database?.spec.owner);
      const role = cluster.spec.managed.roles.find((r) => r.name === database?.spec.owner);
      expect(role?.login).toBe(true);
      const password = containerOf(name).env?.find((e) => e.name === 'PGPASSWORD')?.valueFrom?.secretKeyRef;
      expect(password).toEqual({ name: role?.passwordSecret.name, key: 'password' });

      expect(url.searchParams.get('sslmode')).toBe('verify-full');
      const caFile = url.searchParams.get('sslrootcert') ?? '';
      const mount = containerOf(name).volumeMounts?.find((m) => caFile === `${m.mountPath}/ca.crt`);
      const volume = deploymentOf(name).spec.template.spec.volumes?.find((v) => v.name === mount?.name);
      expect(volume?.secret).toEqual({
        secretName: `${cluster.metadata.name}-ca`,
        items: [{ key: 'ca.crt', path: 'ca.crt' }],
      });
    });

    it('reaches Kafka over verified TLS as its own SCRAM user, allowed into its own group', () => {
      const env = resolvedEnvironment(name);
      const raw = { ...Object.assign({}, ...environmentOf(name).fromConfigMaps) } as Record<string, string>;
      const [kafka] = all<Kafka>('Kafka');
      const listener = kafka.spec.kafka.listeners.find((l) => l.authentication?.type === 'scram-sha-512');
      expect(listener?.tls).toBe(true);
      expect(env.KAFKA_BROKERS).toBe(`${kafka.metadata.name}-kafka-bootstrap:${listener?.port}`);
      expect(env.KAFKA_SSL).toBe('true');
      expect(env.KAFKA_SASL_MECHANISM).toBe('scram-sha-512');
      expect(mountedSecretFiles(name).get(raw.KAFKA_SSL_CA_FILE)).toEqual({
        secretName: `${kafka.metadata.name}-cluster-ca-cert`,
        key: 'ca.crt',
      });

      const user = one<KafkaUser>('KafkaUser', env.KAFKA_SASL_USERNAME);
      expect(user.metadata.name).toBe(service.clientId);
      expect(user.metadata.labels?.['strimzi.io/cluster']).toBe(kafka.metadata.name);
      expect(user.spec.authentication.type).toBe('scram-sha-512');
      const password = containerOf(name).env?.find((e) => e.name === 'KAFKA_SASL_PASSWORD');
      // The User Operator writes the generated password into a secret named after the user.
      expect(password?.valueFrom?.secretKeyRef).toEqual({ name: user.metadata.name, key: 'password' });
      expect(allows(user, 'group', service.groupId, 'Read')).toBe(true);
      const others = SERVICES.filter((s) => s.name !== name).map((s) => s.groupId);
      expect(others.filter((group) => allows(user, 'group', group, 'Read'))).toEqual([]);
    });

    it('reads only what it consumes and writes only what it produces and the dead letters of what it consumes', () => {
      const user = one<KafkaUser>('KafkaUser', service.clientId);
      const consumed = consumedTopics(name);
      const consumedByAnyone = new Set(SERVICES.flatMap((s) => consumedTopics(s.name)));
      const produced = TOPIC_SPECS.filter(
        (spec) => spec.producedBy === `${name} service` || spec.producedBy === 'every service',
      ).map((spec) => spec.name);
      const access = allTopicSpecs(TOPIC_SPECS).map((topic) => ({
        topic: topic.name,
        // Describe everywhere: at start-up the service checks that every topic exists.
        describe: allows(user, 'topic', topic.name, 'Describe'),
        create: allows(user, 'topic', topic.name, 'Create'),
        read: allows(user, 'topic', topic.name, 'Read'),
        write: allows(user, 'topic', topic.name, 'Write'),
      }));
      const expected = allTopicSpecs(TOPIC_SPECS).map((topic) => ({
        topic: topic.name,
        describe: true,
        create: false,
        // The ops console's flow monitor reads every topic and dead-letter topic.
        read: name === READS_EVERY_TOPIC || consumed.includes(topic.name),
        write:
          produced.includes(topic.name) ||
          consumed.map(dlqTopic).includes(topic.name) ||
          // The ops console replays a dead letter onto the topic its consumer gave up on.
          (name === 'ops-console' && consumedByAnyone.has(topic.name)),
      }));
      expect(access).toEqual(expected);
      expect(user.spec.authorization.acls.filter((acl) => acl.resource.patternType !== 'literal')).toEqual(
        user.spec.authorization.acls.filter((acl) => acl.resource.type === 'cluster'),
      );
    });

    it('listens on its catalogue port, probed at /health/live and /health/ready', () => {
      const container = containerOf(name);
      expect(container.ports).toEqual([{ name: 'http', containerPort: service.port }]);
      expect(container.livenessProbe?.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(container.readinessProbe?.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      expect(container.startupProbe?.httpGet).toEqual({ path: '/health/live', port: 'http' });
    });

    it('is reachable through a Service of the same name on its port', () => {
      const svc = one<
        Manifest & {
          spec: { selector: Record<string, string>; ports: { port: number; targetPort: string }[] };
        }
      >('Service', name);
      expect(deploymentOf(name).spec.template.metadata.labels).toMatchObject(svc.spec.selector);
      expect(svc.spec.ports).toEqual([{ name: 'http', port: service.port, targetPort: 'http' }]);
    });

    it('asks for resources and stays within 256 MiB, as the services stay under ~200 MB resident', () => {
      const { requests, limits } = containerOf(name).resources ?? {};
      expect(quantity(requests?.cpu ?? '')).toBeGreaterThan(0);
      expect(quantity(requests?.memory ?? '')).toBeLessThanOrEqual(quantity(limits?.memory ?? ''));
      expect(quantity(limits?.memory ?? '')).toBeLessThanOrEqual(256 * 2 ** 20);
    });

    it('runs as a non-root user on a read-only root file system, with /tmp in memory', () => {
      const pod = deploymentOf(name).spec.template.spec;
      const container = containerOf(name);
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
      expect(container.securityContext).toMatchObject({
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
      });
      const tmp = container.volumeMounts?.find((m) => m.mountPath === '/tmp');
      expect(pod.volumes?.find((v) => v.name === tmp?.name)?.emptyDir).toBeDefined();
    });

    it('keeps one instance up through voluntary disruptions, selecting only its own pods', () => {
      const pdb = one<
        Manifest & { spec: { minAvailable: number; selector: { matchLabels: Record<string, string> } } }
      >('PodDisruptionBudget', name);
      const selected = all<Deployment>('Deployment').filter((d) =>
        Object.entries(pdb.spec.selector.matchLabels).every(
          ([k, v]) => d.spec.template.metadata.labels[k] === v,
        ),
      );
      expect(selected.map((d) => d.metadata.name)).toEqual([name]);
      expect(pdb.spec.minAvailable).toBeLessThan(minimumInstances(name));
    });
  });

  it('points waitlist-bridging at the activity Service', () => {
    const url = new URL(resolvedEnvironment('waitlist-bridging').ACTIVITY_URL);
    expect(url.hostname).toBe('activity');
    expect(Number(url.port)).toBe(SERVICES.find((s) => s.name === 'activity')?.port);
  });

  describe('Kafka (Strimzi)', () => {
    const [kafka] = all<Kafka>('Kafka');
    const pools = all<Manifest & { spec: { replicas: number; roles: string[] } }>('KafkaNodePool').filter(
      (p) => p.metadata.labels?.['strimzi.io/cluster'] === kafka.metadata.name,
    );
    const nodesWith = (role: string) =>
      pools.filter((p) => p.spec.roles.includes(role)).reduce((sum, p) => sum + p.spec.replicas, 0);

    it('runs three KRaft brokers and three controllers of the Kafka version deploy/kafka.sh runs', () => {
      const script = readFileSync(join(ROOT, 'deploy', 'kafka.sh'), 'utf8');
      expect(kafka.apiVersion).toBe('kafka.strimzi.io/v1');
      expect(kafka.spec.kafka.version).toBe(
        /^KAFKA_VERSION="\$\{KAFKA_VERSION:-([^}]+)\}"$/m.exec(script)?.[1],
      );
      expect(nodesWith('broker')).toBe(3);
      expect(nodesWith('controller')).toBe(3);
    });

    it('lets every service’s pods through the network policy of the listener', () => {
      const peers = kafka.spec.kafka.listeners.flatMap((l) => l.networkPolicyPeers ?? []);
      const sameNamespace = peers.filter((p) => p.podSelector && !p.namespaceSelector);
      for (const deployment of all<Deployment>('Deployment')) {
        const labels = deployment.spec.template.metadata.labels;
        const admitted = sameNamespace.some((p) =>
          Object.entries(p.podSelector!.matchLabels).every(([k, v]) => labels[k] === v),
        );
        expect({ deployment: deployment.metadata.name, admitted }).toEqual({
          deployment: deployment.metadata.name,
          admitted: true,
        });
      }
    });

    it('replicates everything three times and acknowledges a write on two, creating no topic implicitly', () => {
      expect(kafka.spec.kafka.config).toMatchObject({
        'auto.create.topics.enable': false,
        'default.replication.factor': 3,
        'min.insync.replicas': 2,
        'offsets.topic.replication.factor': 3,
        'transaction.state.log.replication.factor': 3,
        'transaction.state.log.min.isr': 2,
      });
    });

    it('declares exactly the topics and dead-letter topics of libs/contracts, with their partitions and retention', () => {
      const topics = all<
        Manifest & {
          spec: { topicName: string; partitions: number; replicas: number; config: Record<string, unknown> };
        }
      >('KafkaTopic').map((t) => ({
        cluster: t.metadata.labels?.['strimzi.io/cluster'],
        name: t.spec.topicName,
        partitions: t.spec.partitions,
        replicas: t.spec.replicas,
        minInSync: t.spec.config['min.insync.replicas'],
        retentionMs: t.spec.config['retention.ms'],
      }));
      const expected = allTopicSpecs(TOPIC_SPECS).map((s) => ({
        cluster: kafka.metadata.name,
        name: s.name,
        partitions: s.partitions,
        replicas: 3,
        minInSync: 2,
        retentionMs: s.retentionMs,
      }));
      expect(topics).toEqual(expected);
    });

    it('keeps kafka/topics.yaml as scripts/generate-k8s-manifests.ts writes it', () => {
      expect(readFileSync(TOPICS_FILE, 'utf8')).toBe(kafkaTopicsYaml());
    });

    it('keeps kafka/users.yaml as scripts/generate-k8s-manifests.ts writes it', () => {
      expect(readFileSync(USERS_FILE, 'utf8')).toBe(kafkaUsersYaml());
    });

    it('serves every Strimzi resource on the kafka.strimzi.io/v1 API of Strimzi 0.49 and newer', () => {
      const strimzi = rendered.filter((m) => m.apiVersion.startsWith('kafka.strimzi.io/'));
      expect(new Set(strimzi.map((m) => m.kind))).toEqual(
        new Set(['Kafka', 'KafkaNodePool', 'KafkaTopic', 'KafkaUser']),
      );
      expect(strimzi.filter((m) => m.apiVersion !== 'kafka.strimzi.io/v1').map((m) => m.kind)).toEqual([]);
    });

    it('lets the intake systems write only the jeugdzorg topics they own, and read nothing', () => {
      const intake = all<KafkaUser>('KafkaUser').filter(
        (u) =>
          !SERVICES.some((s) => s.clientId === u.metadata.name) &&
          u.spec.authentication.password === undefined,
      );
      expect(intake.map((u) => u.metadata.name)).toEqual(['jeugdzorg-intake']);
      const owned = TOPIC_SPECS.filter((spec) => spec.producedBy === 'jeugdzorg intake systems').map(
        (spec) => spec.name,
      );
      expect(owned.length).toBeGreaterThan(0);
      expect(owned.every((topic) => topic.startsWith('jeugdzorg.'))).toBe(true);
      for (const topic of allTopicSpecs(TOPIC_SPECS)) {
        expect({
          topic: topic.name,
          read: allows(intake[0], 'topic', topic.name, 'Read'),
          write: allows(intake[0], 'topic', topic.name, 'Write'),
        }).toEqual({ topic: topic.name, read: false, write: owned.includes(topic.name) });
      }
      expect(intake[0].spec.authorization.acls.filter((acl) => acl.resource.type === 'group')).toEqual([]);
      expect(intake[0].metadata.labels?.['strimzi.io/cluster']).toBe(kafka.metadata.name);
    });

    it('has a writer for every topic a service consumes', () => {
      const users = all<KafkaUser>('KafkaUser');
      for (const topic of new Set(SERVICES.flatMap((s) => consumedTopics(s.name)))) {
        const writers = users
          .filter((u) => u.metadata.name !== 'samenspel-ops-console')
          .filter((u) => allows(u, 'topic', topic, 'Write'));
        expect({ topic, written: writers.length > 0 }).toEqual({ topic, written: true });
      }
    });
  });

  describe('scaling on lag (KEDA)', () => {
    const partitions = Object.fromEntries(allTopicSpecs(TOPIC_SPECS).map((s) => [s.name, s.partitions]));

    it('keeps keda/scaled-objects.yaml as scripts/generate-k8s-manifests.ts writes it', () => {
      expect(readFileSync(SCALED_OBJECTS_FILE, 'utf8')).toBe(scaledObjectsYaml());
    });

    it.each(byName)(
      'scales %s on the lag of its own group, on the topics its handlers read',
      (name, service) => {
        const topics = name === READS_EVERY_TOPIC ? [] : consumedTopics(name);
        const scaled = all<ScaledObject>('ScaledObject').find((s) => s.spec.scaleTargetRef.name === name);
        if (name !== READS_EVERY_TOPIC && topics.length === 0) {
          expect(scaled).toBeUndefined(); // no consumer: nothing to scale on, so fixed replicas
          expect(deploymentOf(name).spec.replicas).toBeGreaterThanOrEqual(2);
          return;
        }
        expect(scaled).toBeDefined();
        const triggers = scaled!.spec.triggers;
        const brokers = configMapData('samenspel-common').KAFKA_BROKERS;
        expect(triggers.every((t) => t.type === 'kafka' && t.metadata.bootstrapServers === brokers)).toBe(
          true,
        );
        expect(new Set(triggers.map((t) => t.metadata.consumerGroup))).toEqual(new Set([service.groupId]));
        for (const trigger of triggers) {
          expect(trigger.metadata).toMatchObject({ sasl: 'scram_sha512', tls: 'enable' });
          one('TriggerAuthentication', trigger.authenticationRef?.name ?? '');
        }
        if (name === READS_EVERY_TOPIC) {
          expect(triggers.map((t) => t.metadata.topic)).toEqual([undefined]);
        } else {
          expect(triggers.map((t) => t.metadata.topic).sort()).toEqual(topics);
          expect(scaled!.spec.maxReplicaCount).toBeLessThanOrEqual(
            Math.min(...topics.map((t) => partitions[t])),
          );
        }
        expect(scaled!.spec.maxReplicaCount).toBeLessThanOrEqual(
          Math.min(...TOPIC_SPECS.map((s) => s.partitions)),
        );
        // KEDA owns the replicas: a Deployment that also set them would be reset by every apply.
        expect(deploymentOf(name).spec.replicas).toBeUndefined();
        expect(scaled!.spec.minReplicaCount).toBeGreaterThanOrEqual(2);
      },
    );

    it('logs KEDA in as its own Kafka user, over TLS, allowed to see every service’s lag', () => {
      const [kafka] = all<Kafka>('Kafka');
      const auth = all<TriggerAuthentication>('TriggerAuthentication');
      expect(auth).toHaveLength(1);
      const refs = Object.fromEntries(auth[0].spec.secretTargetRef.map((r) => [r.parameter, r]));
      expect(refs.ca).toMatchObject({ name: `${kafka.metadata.name}-cluster-ca-cert`, key: 'ca.crt' });
      // KEDA needs the user name from a secret: the user's password comes from the same one.
      const keda = all<KafkaUser>('KafkaUser').find(
        (u) => u.spec.authentication.password?.valueFrom.secretKeyRef.name === refs.username?.name,
      );
      expect(keda?.spec.authentication.password?.valueFrom.secretKeyRef).toEqual({
        name: refs.password?.name,
        key: refs.password?.key,
      });
      for (const service of SERVICES) expect(allows(keda!, 'group', service.groupId, 'Describe')).toBe(true);
      for (const topic of TOPIC_SPECS) expect(allows(keda!, 'topic', topic.name, 'Describe')).toBe(true);
      expect(allows(keda!, 'topic', TOPIC_SPECS[0].name, 'Read')).toBe(false);
    });

    it('finds the handlers of a library a service imports (libs/erasure) besides its own', () => {
      const erasureTopic = SAMENSPEL_CONTRACTS.find(
        (c) => c.type === PRIVACY_EVENT_TYPES.erasureRequested,
      )?.topic;
      expect(consumedTopics('referral')).toEqual(
        expect.arrayContaining(['jeugdzorg.referral.v1', 'samenspel.task.v1', erasureTopic]),
      );
    });
  });

  describe('monitoring (prometheus-operator)', () => {
    const monitors = all<PodMonitor>('PodMonitor');
    const rules = parse(readFileSync(ALERTS_FILE, 'utf8')) as {
      groups: {
        name: string;
        rules: { alert?: string; expr: string; annotations?: Record<string, string> }[];
      }[];
    };
    const serviceDown = rules.groups.flatMap((g) => g.rules).find((r) => r.alert === 'SamenspelServiceDown');

    it.each(byName)(
      'scrapes %s’s /metrics as the job and with the service label SamenspelServiceDown expects',
      (name) => {
        const pod = deploymentOf(name).spec.template;
        const selecting = monitors.filter((m) => selects(m.spec.selector, pod.metadata.labels));
        expect(selecting).toHaveLength(1);
        const [monitor] = selecting;
        const [endpoint] = monitor.spec.podMetricsEndpoints;
        expect(monitor.spec.podMetricsEndpoints).toHaveLength(1);
        expect(containerOf(name).ports?.map((p) => p.name)).toContain(endpoint.port);
        expect(endpoint.path).toBe('/metrics');

        // up{job="samenspel"}: the job is the value of the pod label jobLabel names.
        const job = /\bup\{job="([^"]+)"\}/.exec(serviceDown?.expr ?? '')?.[1];
        expect(job).toBe('samenspel');
        expect(pod.metadata.labels[monitor.spec.jobLabel ?? '']).toBe(job);
        // {{ $labels.service }} in the summary: the pod's name label becomes service on up.
        expect(serviceDown?.annotations?.summary).toContain('$labels.service');
        const service = endpoint.relabelings?.find((r) => r.targetLabel === 'service');
        expect(service?.sourceLabels).toEqual(['__meta_kubernetes_pod_label_app_kubernetes_io_name']);
        expect(pod.metadata.labels['app.kubernetes.io/name']).toBe(name);
        // The services label their own series with service too; theirs is kept, not renamed.
        expect(endpoint.honorLabels).toBe(true);
        // Prometheus scrapes from another pod, outside METRICS_ALLOWED_CIDRS: it presents the token
        // the service reads as METRICS_TOKEN from the same secret, so the scrape is let in.
        const token = containerOf(name).env?.find((e) => e.name === 'METRICS_TOKEN')?.valueFrom?.secretKeyRef;
        expect(token).toEqual({ name: 'samenspel-metrics', key: 'token' });
        expect(endpoint.authorization).toEqual({ type: 'Bearer', credentials: token });
        expect(resolvedEnvironment(name).METRICS_ALLOWED_CIDRS).toBeUndefined();
      },
    );

    it('scrapes the Kafka exporter of the Kafka resource, for Samenspel’s topics and groups', () => {
      const [kafka] = all<Kafka>('Kafka');
      const exporter = kafka.spec.kafkaExporter;
      expect(exporter).toBeDefined();
      const topics = new RegExp(exporter?.topicRegex ?? '');
      const groups = new RegExp(exporter?.groupRegex ?? '');
      for (const topic of allTopicSpecs(TOPIC_SPECS))
        expect([topic.name, topics.test(topic.name)]).toEqual([topic.name, true]);
      for (const service of SERVICES)
        expect([service.groupId, groups.test(service.groupId)]).toEqual([service.groupId, true]);
      expect(topics.test('__consumer_offsets')).toBe(false);
      // Strimzi labels the exporter's pods so and serves its metrics on the port tcp-prometheus.
      const exporterPod = {
        'strimzi.io/cluster': kafka.metadata.name,
        'strimzi.io/kind': 'Kafka',
        'strimzi.io/name': `${kafka.metadata.name}-kafka-exporter`,
      };
      const selecting = monitors.filter((m) => selects(m.spec.selector, exporterPod));
      expect(selecting.map((m) => m.spec.podMetricsEndpoints.map((e) => e.port))).toEqual([
        ['tcp-prometheus'],
      ]);
    });

    it('loads the rules of deploy/prometheus/alerts.yml as a PrometheusRule', () => {
      expect(readFileSync(PROMETHEUS_RULES_FILE, 'utf8')).toBe(prometheusRulesYaml());
      const [rule] = all<Manifest & { spec: { groups: unknown } }>('PrometheusRule');
      expect(rule.spec.groups).toEqual(rules.groups);
    });
  });

  describe('network policies', () => {
    const [kafka] = all<Kafka>('Kafka');
    /**
     * The ingress policy Strimzi writes for the brokers (its default networkPolicyGeneration): each
     * listener from its networkPolicyPeers, and replication (9091) and the controllers' quorum (9090)
     * from the cluster's own pods.
     */
    const kafkaNodes = {
      matchLabels: { 'strimzi.io/cluster': kafka.metadata.name, 'strimzi.io/kind': 'Kafka' },
    };
    const strimzi: NetworkPolicy = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `${kafka.metadata.name}-network-policy-kafka`, namespace: 'samenspel' },
      spec: {
        podSelector: { matchLabels: { 'strimzi.io/name': `${kafka.metadata.name}-kafka` } },
        policyTypes: ['Ingress'],
        ingress: [
          ...kafka.spec.kafka.listeners.map((l) => ({
            ports: [{ protocol: 'TCP', port: l.port }],
            from: l.networkPolicyPeers as PolicyPeer[] | undefined,
          })),
          {
            ports: [
              { protocol: 'TCP', port: 9090 },
              { protocol: 'TCP', port: 9091 },
            ],
            from: [{ podSelector: kafkaNodes }],
          },
        ],
      },
    };
    const policies = [...all<NetworkPolicy>('NetworkPolicy'), strimzi];
    const [cluster] = all<Manifest>('Cluster');
    const pod = (
      labels: Record<string, string>,
      namespace = 'samenspel',
      ports?: Record<string, number>,
    ) => ({
      namespace,
      labels,
      ports,
    });
    const servicePod = (name: ServiceName) => {
      const ports = Object.fromEntries((containerOf(name).ports ?? []).map((p) => [p.name, p.containerPort]));
      return pod(deploymentOf(name).spec.template.metadata.labels, 'samenspel', ports);
    };
    // The labels Strimzi and CloudNativePG put on the pods they run.
    const broker = pod({
      'strimzi.io/cluster': kafka.metadata.name,
      'strimzi.io/kind': 'Kafka',
      'strimzi.io/name': `${kafka.metadata.name}-kafka`,
      'strimzi.io/pool-name': 'dual-role',
      'strimzi.io/broker-role': 'true',
      'strimzi.io/controller-role': 'true',
    });
    const entityOperator = pod({
      'strimzi.io/cluster': kafka.metadata.name,
      'strimzi.io/kind': 'Kafka',
      'strimzi.io/name': `${kafka.metadata.name}-entity-operator`,
    });
    const exporter = pod(
      {
        'strimzi.io/cluster': kafka.metadata.name,
        'strimzi.io/kind': 'Kafka',
        'strimzi.io/name': `${kafka.metadata.name}-kafka-exporter`,
      },
      'samenspel',
      { 'tcp-prometheus': 9404 },
    );
    const postgres = pod({
      'cnpg.io/cluster': cluster.metadata.name,
      'cnpg.io/instanceName': `${cluster.metadata.name}-1`,
      'cnpg.io/podRole': 'instance',
      'cnpg.io/instanceRole': 'primary',
    });
    const recoveryJob = pod({
      'cnpg.io/cluster': `${cluster.metadata.name}-restore`,
      'cnpg.io/instanceName': `${cluster.metadata.name}-restore-1`,
      'cnpg.io/jobRole': 'full-recovery',
    });
    const dns = pod({ 'k8s-app': 'kube-dns' }, 'kube-system');
    const ingressController = pod({ 'app.kubernetes.io/name': 'ingress-nginx' }, 'ingress-nginx');
    const prometheus = pod({ 'app.kubernetes.io/name': 'prometheus' }, 'monitoring');
    const cnpgOperator = pod({ 'app.kubernetes.io/name': 'cloudnative-pg' }, 'cnpg-system');
    const elsewhere = pod({ app: 'anything' }, 'default');
    const kubernetesApi = { ip: '10.96.0.1' };
    const internet = { ip: '203.0.113.10' };
    const tlsListener = kafka.spec.kafka.listeners.find((l) => l.tls)!.port;

    /** Who calls whom over HTTP: a service URL in a service's ConfigMap names the Service it calls. */
    const calls = SERVICES.flatMap((caller) =>
      Object.values(configMapData(`samenspel-${caller.name}`)).flatMap((value) => {
        const host = URL.canParse(value) ? new URL(value).hostname : '';
        const callee = SERVICES.find((s) => s.name === host);
        return callee ? [[caller.name, callee.name] as const] : [];
      }),
    );

    it('denies every connection in the namespace that no policy allows', () => {
      const denyAll = policies.filter(
        (p) => Object.keys(p.spec.podSelector).length === 0 && !p.spec.ingress && !p.spec.egress,
      );
      expect(denyAll.map((p) => [...p.spec.policyTypes].sort())).toEqual([['Egress', 'Ingress']]);
      expect(calls).toEqual([['waitlist-bridging', 'activity']]);
    });

    it.each(byName)(
      'lets only the ingress controller, Prometheus and its callers reach %s',
      (name, service) => {
        const target = servicePod(name);
        expect(connects(policies, ingressController, target, service.port)).toBe(true);
        expect(connects(policies, prometheus, target, service.port)).toBe(true);
        for (const other of SERVICES.filter((s) => s.name !== name)) {
          const calling = calls.some(([caller, callee]) => caller === other.name && callee === name);
          expect([other.name, connects(policies, servicePod(other.name), target, service.port)]).toEqual([
            other.name,
            calling,
          ]);
        }
        for (const stranger of [elsewhere, broker, postgres, exporter]) {
          expect(connects(policies, stranger, target, service.port)).toBe(false);
        }
      },
    );

    it.each(byName)('lets %s reach only DNS, the brokers, PostgreSQL and the services it calls', (name) => {
      const source = servicePod(name);
      expect(connects(policies, source, dns, 53)).toBe(true);
      expect(connects(policies, source, broker, tlsListener)).toBe(true);
      expect(connects(policies, source, broker, 9091)).toBe(false); // the brokers' replication port
      expect(connects(policies, source, postgres, 5432)).toBe(true);
      for (const other of SERVICES.filter((s) => s.name !== name)) {
        const called = calls.some(([caller, callee]) => caller === name && callee === other.name);
        expect([other.name, connects(policies, source, servicePod(other.name), other.port)]).toEqual([
          other.name,
          called,
        ]);
      }
      for (const stranger of [elsewhere, exporter, entityOperator, prometheus, kubernetesApi]) {
        expect(connects(policies, source, stranger, 443)).toBe(false);
      }
      // The identity provider's keys (AUTH_JWKS_URL) over HTTPS, on a public address only.
      expect(connects(policies, source, internet, 443)).toBe(true);
      // Webhooks and e-mail leave from notification alone.
      expect(connects(policies, source, internet, 587)).toBe(name === 'notification');
    });

    it('lets the services, the other instances and the operator reach PostgreSQL, and its jobs the object store', () => {
      for (const name of SERVICES.map((s) => s.name)) {
        expect(connects(policies, servicePod(name), postgres, 5432)).toBe(true);
      }
      expect(connects(policies, postgres, { ...postgres, labels: { ...postgres.labels } }, 5432)).toBe(true);
      expect(connects(policies, cnpgOperator, postgres, 8000)).toBe(true);
      expect(connects(policies, broker, postgres, 5432)).toBe(false);
      expect(connects(policies, elsewhere, postgres, 5432)).toBe(false);
      for (const pgPod of [postgres, recoveryJob]) {
        expect(connects(policies, pgPod, internet, 443)).toBe(true);
        expect(connects(policies, pgPod, dns, 53)).toBe(true);
      }
    });

    it('lets Kafka’s pods reach each other, the entity operator the API, and Prometheus the exporter', () => {
      expect(connects(policies, broker, broker, 9091)).toBe(true);
      expect(connects(policies, exporter, broker, 9091)).toBe(true);
      expect(connects(policies, entityOperator, broker, 9091)).toBe(true);
      expect(connects(policies, entityOperator, kubernetesApi, 443)).toBe(true);
      expect(connects(policies, prometheus, exporter, 9404)).toBe(true);
      expect(connects(policies, elsewhere, exporter, 9404)).toBe(false);
      expect(connects(policies, broker, internet, 443)).toBe(false);
    });
  });

  describe('PostgreSQL (CloudNativePG)', () => {
    const BARMAN_PLUGIN = 'barman-cloud.cloudnative-pg.io';
    interface PluginRef {
      name: string;
      isWALArchiver?: boolean;
      parameters?: { barmanObjectName?: string; serverName?: string };
    }
    interface PgCluster extends Manifest {
      spec: {
        plugins?: PluginRef[];
        bootstrap?: { recovery?: { source: string } };
        externalClusters?: { name: string; plugin?: PluginRef }[];
      };
    }
    interface ObjectStore extends Manifest {
      spec: {
        retentionPolicy: string;
        configuration: {
          destinationPath: string;
          s3Credentials?: Record<string, { name: string; key: string }>;
          wal?: { encryption?: string };
          data?: { encryption?: string };
        };
      };
    }

    it('archives the WAL and takes a daily base backup into an encrypted object store, kept 30 days', () => {
      const [cluster] = all<PgCluster>('Cluster');
      const archivers = (cluster.spec.plugins ?? []).filter((p) => p.isWALArchiver);
      expect(archivers.map((p) => p.name)).toEqual([BARMAN_PLUGIN]);
      const store = one<ObjectStore>('ObjectStore', archivers[0].parameters?.barmanObjectName ?? '');
      expect(store.apiVersion).toBe('barmancloud.cnpg.io/v1');
      expect(store.spec.retentionPolicy).toBe('30d');
      expect(store.spec.configuration.destinationPath).toMatch(/^s3:\/\/[^/]+\/./);
      expect(store.spec.configuration.wal?.encryption).toBe('AES256');
      expect(store.spec.configuration.data?.encryption).toBe('AES256');
      const secrets = Object.values(store.spec.configuration.s3Credentials ?? {}).map((ref) => ref.name);
      expect(new Set(secrets)).toEqual(new Set([store.metadata.name]));

      const schedules = all<
        Manifest & {
          spec: {
            schedule: string;
            cluster: { name: string };
            method: string;
            pluginConfiguration?: { name: string };
          };
        }
      >('ScheduledBackup');
      expect(schedules).toHaveLength(1);
      expect(schedules[0].spec).toMatchObject({
        cluster: { name: cluster.metadata.name },
        method: 'plugin',
        pluginConfiguration: { name: BARMAN_PLUGIN },
      });
      // Six fields, seconds first, and one run a day: at a fixed second, minute and hour.
      expect(schedules[0].spec.schedule).toMatch(/^\d+ \d+ \d+ \* \* \*$/);
      // The production overlay puts the backups in the installation's own bucket.
      const inBase = one<ObjectStore>('ObjectStore', store.metadata.name, base);
      expect(store.spec.configuration.destinationPath).not.toBe(inBase.spec.configuration.destinationPath);
    });

    it('documents the restore as a recovery Cluster from that object store', () => {
      const operations = readFileSync(join(ROOT, 'docs', 'operations.md'), 'utf8');
      const blocks = [...operations.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1]) as PgCluster);
      const recovery = blocks.find((b) => b?.kind === 'Cluster' && b.spec.bootstrap?.recovery);
      expect(recovery).toBeDefined();
      const [cluster] = all<PgCluster>('Cluster');
      const source = recovery!.spec.externalClusters?.find(
        (c) => c.name === recovery!.spec.bootstrap?.recovery?.source,
      );
      const store = cluster.spec.plugins?.find((p) => p.isWALArchiver)?.parameters?.barmanObjectName;
      expect(source?.plugin).toEqual({
        name: BARMAN_PLUGIN,
        parameters: { barmanObjectName: store, serverName: cluster.metadata.name },
      });
      // The recovered cluster archives under its own name, never over the archive it came from.
      const archive = recovery!.spec.plugins?.find((p) => p.isWALArchiver)?.parameters;
      expect(archive?.serverName).toBe(recovery!.metadata.name);
      expect(recovery!.metadata.name).not.toBe(cluster.metadata.name);
    });

    it('runs three instances with a database per service, each owned by its own login role', () => {
      const clusters = all<Manifest & { spec: { instances: number } }>('Cluster');
      expect(clusters.map((c) => c.spec.instances)).toEqual([3]);
      const databases = all<Manifest & { spec: { name: string; owner: string } }>('Database');
      expect(databases.map((d) => d.spec.name).sort()).toEqual(SERVICES.map((s) => s.database).sort());
      const owners = databases.map((d) => d.spec.owner);
      expect(new Set(owners).size).toBe(SERVICES.length);
    });
  });
});
