import { Parser } from '@asyncapi/parser';
import { SERVICES, serviceNamed } from '@samenspel/bootstrap';
import {
  allTopicSpecs,
  dlqTopic,
  SAMENSPEL_CONTRACTS,
  samenspelContracts,
  TOPIC_SPECS,
  TOPICS,
} from '@samenspel/contracts';
import { loadConfig } from '@samenspel/http';
import { deadLetterOf } from '@samenspel/messaging';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { OpsConsoleConfig } from '../apps/ops-console/src/config/ops-console.config';
import { opsSettings } from '../apps/ops-console/src/config/ops-settings';
import { PREVIEWED_SERVICES } from './service-apps';
import { handledEventTypes, sentEventTypes } from './service-events';

/**
 * docs/asyncapi.yaml must describe the topics as libs/contracts creates them, and the events each
 * service handles and publishes as its code does.
 */
const DOC_PATH = join(__dirname, '..', 'docs', 'asyncapi.yaml');

type Node = Record<string, unknown>;
interface Channel {
  address: string;
  description?: string;
  messages?: Record<string, { $ref: string }>;
  bindings?: { kafka?: { partitions?: number; topicConfiguration?: Record<string, unknown> } };
}
interface Message {
  name?: string;
  contentType?: string;
  traits?: { $ref: string }[];
  headers?: { properties?: Record<string, unknown>; required?: string[] };
  payload?: { allOf?: Node[] };
  examples?: { payload?: { type?: string; data?: unknown } }[];
}

interface Operation {
  action: string;
  channel: { $ref: string };
  messages?: { $ref: string }[];
  bindings?: { kafka?: { groupId?: { enum?: string[] }; clientId?: { enum?: string[] } } };
}

const doc = parse(readFileSync(DOC_PATH, 'utf8')) as {
  asyncapi: string;
  servers: Record<string, { host: string; protocol: string }>;
  channels: Record<string, Channel>;
  operations: Record<string, Operation>;
  components: { messages: Record<string, Message> };
};

/** Follows a local JSON pointer ("#/components/messages/x") through the document. */
function resolvePointer(ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`not a local reference: ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node as Node | undefined)?.[key], doc);
}

/** A message, through the channel's $ref to components when an operation names it. */
function messageAt(ref: string): Message {
  const node = resolvePointer(ref) as { $ref?: string } | undefined;
  return (node?.$ref ? resolvePointer(node.$ref) : node) as Message;
}

function allRefs(node: unknown): string[] {
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === '$ref' && typeof value === 'string' ? [value] : allRefs(value),
  );
}

function channelAt(address: string): Channel | undefined {
  return Object.values(doc.channels).find((c) => c.address === address);
}

function messagesOf(channel: Channel): Message[] {
  return Object.values(channel.messages ?? {}).map((m) => resolvePointer(m.$ref) as Message);
}

function readJson(ref: string): unknown {
  return JSON.parse(readFileSync(resolve(dirname(DOC_PATH), ref), 'utf8'));
}

describe('docs/asyncapi.yaml', () => {
  it('is an AsyncAPI 3.1 document with the local broker as its server', () => {
    expect(doc.asyncapi).toBe('3.1.0');
    expect(Object.values(doc.servers)).toContainEqual(
      expect.objectContaining({ host: '127.0.0.1:9092', protocol: 'kafka' }),
    );
  });

  it('passes @asyncapi/parser without an error, a warning or a hint', async () => {
    const { document, diagnostics } = await new Parser().parse(readFileSync(DOC_PATH, 'utf8'), {
      source: DOC_PATH,
    });
    expect(diagnostics.map((d) => `${d.code} ${d.path.join('.')}: ${d.message}`)).toEqual([]);
    expect(document?.version()).toBe('3.1.0');
  });

  it.each(allTopicSpecs(TOPIC_SPECS).map((s) => [s.name, s.partitions, s.retentionMs] as const))(
    'has a channel for %s with %i partitions and retention.ms %i',
    (topic, partitions, retentionMs) => {
      const kafka = channelAt(topic)?.bindings?.kafka;
      expect(kafka?.partitions).toBe(partitions);
      expect(kafka?.topicConfiguration?.['retention.ms']).toBe(retentionMs);
    },
  );

  it('has no channel for a topic that libs/contracts does not create', () => {
    const created = allTopicSpecs(TOPIC_SPECS).map((s) => s.name);
    const extra = Object.values(doc.channels)
      .map((c) => c.address)
      .filter((address) => !created.includes(address));
    expect(extra).toEqual([]);
  });

  it('describes exactly the dlq- headers a dead letter carries, dlq-redacted only when it names fields', () => {
    const letter = (value: object, outsideContract: string[][]) =>
      deadLetterOf(
        {
          topic: TOPICS.waitlist,
          partition: 2,
          offset: '41',
          key: Buffer.from('yr_4f9c2a7b'),
          value: Buffer.from(JSON.stringify(value)),
          headers: { 'content-type': 'application/cloudevents+json' },
          timestamp: '0',
        },
        'invalid-data: youthRef: must be a pseudonymous ref',
        'samenspel-waitlist-bridging',
        outsideContract,
      );
    const dlqHeaders = (l: { headers: Record<string, string> }) =>
      Object.keys(l.headers)
        .filter((h) => h.startsWith('dlq-'))
        .sort();
    const always = dlqHeaders(letter({}, []));
    const redacted = letter({ data: { bsn: '111222333' } }, [['data', 'bsn']]);
    const headers = doc.components.messages.deadLetter.headers;
    expect(Object.keys(headers?.properties ?? {}).sort()).toEqual(dlqHeaders(redacted));
    expect([...(headers?.required ?? [])].sort()).toEqual(always);
    expect(dlqHeaders(redacted)).toEqual([...always, 'dlq-redacted'].sort());
    expect(JSON.parse(redacted.headers['dlq-redacted'])).toEqual(['/data/bsn']);
  });

  it.each(TOPIC_SPECS.map((s) => s.name))('carries only dead letters on %s.dlq', (topic) => {
    const messages = messagesOf(channelAt(`${topic}.dlq`)!);
    expect(messages).toEqual([doc.components.messages.deadLetter]);
  });

  it.each(SAMENSPEL_CONTRACTS.map((c) => [c.type, c.topic] as const))(
    'defines %s as a message on the channel of %s, with its JSON Schema as data',
    (type, topic) => {
      const message = messagesOf(channelAt(topic)!).find((m) => m.name === type);
      expect(message).toBeDefined();
      expect(allRefs(message?.payload)).toEqual(
        expect.arrayContaining([
          '../libs/contracts/schemas/cloudevent-envelope.json',
          `../libs/contracts/schemas/${type}.json`,
        ]),
      );
    },
  );

  it.each(TOPIC_SPECS.map((s) => s.name))('carries only registered event types on %s', (topic) => {
    const names = messagesOf(channelAt(topic)!).map((m) => m.name);
    expect([...names].sort()).toEqual(
      SAMENSPEL_CONTRACTS.filter((c) => c.topic === topic)
        .map((c) => c.type)
        .sort(),
    );
  });

  const eventMessages = Object.entries(doc.components.messages).filter(([key]) => key !== 'deadLetter');

  it.each(eventMessages.map(([key]) => key))(
    'gives message %s CloudEvents headers and a data $ref to a schema that exists and compiles',
    (key) => {
      const message = doc.components.messages[key];
      const traits = (message.traits ?? []).map((t) => resolvePointer(t.$ref) as Message);
      expect(traits.map((t) => t.contentType)).toContain('application/cloudevents+json');
      expect(Object.keys(traits[0]?.headers?.properties ?? {})).toEqual(
        expect.arrayContaining(['content-type', 'traceparent', 'ce_specversion', 'ce_type']),
      );
      const dataRefs = (message.payload?.allOf ?? [])
        .map((part) => (part.properties as { data?: { $ref?: string } } | undefined)?.data?.$ref)
        .filter((ref): ref is string => ref !== undefined);
      expect(dataRefs).toEqual([`../libs/contracts/schemas/${message.name}.json`]);
      const ajv = new Ajv2020({ strict: true, allErrors: true });
      addFormats(ajv);
      expect(() => ajv.compile(readJson(dataRefs[0]) as Node)).not.toThrow();
    },
  );

  it('lets every operation refer only to messages of its own channel', () => {
    const wrong = Object.entries(doc.operations).flatMap(([name, op]) => {
      const channelRef = op.channel.$ref;
      return (op.messages ?? [])
        .filter((m) => !m.$ref.startsWith(`${channelRef}/messages/`) || resolvePointer(m.$ref) === undefined)
        .map((m) => `${name}: ${m.$ref}`);
    });
    expect(wrong).toEqual([]);
  });

  const serviceWithId = (id: string) =>
    SERVICES.find((s) => s.groupId === id || s.clientId === id)?.name ?? id;
  const addressOf = (op: Operation) => (resolvePointer(op.channel.$ref) as Channel).address;
  /** `<service> <topic> <event type>` for each service, channel and message an operation names. */
  const documentedFlows = (action: 'send' | 'receive') =>
    Object.values(doc.operations)
      .filter((op) => op.action === action && !addressOf(op).endsWith('.dlq'))
      .flatMap((op) => {
        const kafka = op.bindings?.kafka;
        const ids = (action === 'receive' ? kafka?.groupId?.enum : kafka?.clientId?.enum) ?? [];
        return ids.flatMap((id) =>
          (op.messages ?? []).map((m) => `${serviceWithId(id)} ${addressOf(op)} ${messageAt(m.$ref).name}`),
        );
      })
      .sort();

  describe('against the code', () => {
    const registry = samenspelContracts();
    const handled: string[] = [];
    const sent: string[] = [];
    const flow = (service: string, type: string) => `${service} ${registry.get(type)?.topic} ${type}`;

    beforeAll(async () => {
      for (const service of PREVIEWED_SERVICES) {
        const app = await service.preview();
        try {
          handled.push(...handledEventTypes(app).map((type) => flow(service.name, type)));
          sent.push(...(await sentEventTypes(service.name, app)).map((type) => flow(service.name, type)));
        } finally {
          await app.close();
        }
      }
    });

    it('has a receive operation of each service for exactly the event types its handlers take', () => {
      expect(handled.length).toBeGreaterThan(0);
      expect(documentedFlows('receive')).toEqual([...handled].sort());
    });

    it('has a send operation of each service for exactly the event types it publishes', () => {
      expect(sent.length).toBeGreaterThan(0);
      expect(documentedFlows('send')).toEqual([...sent].sort());
    });

    it('lets the consumers of exactly the topics that services handle write dead letters', () => {
      const consumed = [...new Set(handled.map((f) => f.split(' ')[1]!))].map(dlqTopic).sort();
      const dlqSends = Object.values(doc.operations)
        .filter((op) => op.action === 'send' && addressOf(op).endsWith('.dlq'))
        .map(addressOf)
        .sort();
      expect(dlqSends).toEqual(consumed);
    });

    const monitored = opsSettings(loadConfig(OpsConsoleConfig, {})).topics;

    it('lets the ops console read, raw, exactly the topics its flow monitor reads', () => {
      const reads = Object.values(doc.operations).filter(
        (op) =>
          op.action === 'receive' &&
          op.bindings?.kafka?.groupId?.enum?.includes(serviceNamed('ops-console').groupId),
      );
      expect(reads.filter((op) => op.messages !== undefined)).toEqual([]);
      expect(reads.map(addressOf).sort()).toEqual([...monitored].sort());
    });

    it('lets the ops console replay a dead letter to the source of each dead-letter topic it reads', () => {
      // Its replay producer's client id (apps/ops-console/src/shared/ops-kafka.ts).
      const replayClient = `${serviceNamed('ops-console').clientId}-replay`;
      const replays = Object.values(doc.operations)
        .filter((op) => op.action === 'send' && op.bindings?.kafka?.clientId?.enum?.includes(replayClient))
        .map(addressOf);
      const sources = monitored.filter((t) => t.endsWith('.dlq')).map((t) => t.slice(0, -'.dlq'.length));
      expect(replays.sort()).toEqual(sources.sort());
    });
  });

  it.each(SAMENSPEL_CONTRACTS.filter((c) => c.topic === TOPICS.waitlist).map((c) => c.type))(
    'defines %s on the waitlist channel with its JSON Schema as data',
    (type) => {
      const message = messagesOf(channelAt(TOPICS.waitlist)!).find((m) => m.name === type);
      expect(allRefs(message?.payload)).toEqual(
        expect.arrayContaining([
          '../libs/contracts/schemas/cloudevent-envelope.json',
          `../libs/contracts/schemas/${type}.json`,
        ]),
      );
    },
  );

  it('resolves every local $ref', () => {
    const dangling = allRefs(doc).filter((ref) => ref.startsWith('#') && resolvePointer(ref) === undefined);
    expect(dangling).toEqual([]);
  });

  it.each([...new Set(allRefs(doc).filter((ref) => !ref.startsWith('#')))])(
    'refers to %s, which exists and is valid JSON',
    (ref) => {
      expect(existsSync(resolve(dirname(DOC_PATH), ref))).toBe(true);
      expect(() => readJson(ref)).not.toThrow();
    },
  );

  it('gives examples that the schemas accept', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    const validateEnvelope = ajv.compile(
      readJson('../libs/contracts/schemas/cloudevent-envelope.json') as Node,
    );
    const examples = Object.values(doc.components.messages).flatMap((m) => m.examples ?? []);
    expect(examples.length).toBeGreaterThan(0);
    for (const { payload } of examples) {
      const validateData = ajv.compile(readJson(`../libs/contracts/schemas/${payload?.type}.json`) as Node);
      expect({ envelope: validateEnvelope(payload), data: validateData(payload?.data) }).toEqual({
        envelope: true,
        data: true,
      });
    }
  });
});
