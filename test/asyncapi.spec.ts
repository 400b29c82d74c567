import { SERVICES } from '@samenspel/bootstrap';
import { allTopicSpecs, SAMENSPEL_CONTRACTS, TOPIC_SPECS, TOPICS } from '@samenspel/contracts';
import { deadLetterOf } from '@samenspel/messaging';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';

/** docs/asyncapi.yaml must describe the topics as libs/contracts creates them. */
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
  headers?: { properties?: Record<string, unknown>; required?: string[] };
  payload?: { allOf?: Node[] };
  examples?: { payload?: { type?: string; data?: unknown } }[];
}

const doc = parse(readFileSync(DOC_PATH, 'utf8')) as {
  asyncapi: string;
  servers: Record<string, { host: string; protocol: string }>;
  channels: Record<string, Channel>;
  operations: Record<string, { action: string; channel: { $ref: string }; bindings?: Node }>;
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
  it('is an AsyncAPI 3 document with the local broker as its server', () => {
    expect(doc.asyncapi).toMatch(/^3\.\d+\.\d+$/);
    expect(Object.values(doc.servers)).toContainEqual(
      expect.objectContaining({ host: '127.0.0.1:9092', protocol: 'kafka' }),
    );
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

  it('describes exactly the dlq- headers a dead letter carries', () => {
    const letter = deadLetterOf(
      {
        topic: TOPICS.waitlist,
        partition: 2,
        offset: '41',
        key: Buffer.from('yr_4f9c2a7b'),
        value: Buffer.from('{}'),
        headers: { 'content-type': 'application/cloudevents+json' },
        timestamp: '0',
      },
      'invalid-data: youthRef: must be a pseudonymous ref',
      'samenspel-waitlist-bridging',
    );
    const written = Object.keys(letter.headers).filter((h) => h.startsWith('dlq-'));
    const headers = doc.components.messages.deadLetter.headers;
    expect(Object.keys(headers?.properties ?? {}).sort()).toEqual(written.sort());
    expect([...(headers?.required ?? [])].sort()).toEqual(written.sort());
  });

  it.each(TOPIC_SPECS.map((s) => s.name))('carries only dead letters on %s.dlq', (topic) => {
    const messages = messagesOf(channelAt(`${topic}.dlq`)!);
    expect(messages).toEqual([doc.components.messages.deadLetter]);
  });

  it.each(Object.values(TOPICS).filter((t) => t !== TOPICS.waitlist))(
    'says the messages of %s are defined with the service that produces them',
    (topic) => {
      expect(channelAt(topic)?.description).toContain('defined with the service that produces them');
    },
  );

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

  it('lets the waitlist-bridging service receive the waitlist topic under its own group id', () => {
    const bridging = SERVICES.find((s) => s.name === 'waitlist-bridging')!;
    const receive = Object.values(doc.operations).find(
      (op) =>
        op.action === 'receive' && (resolvePointer(op.channel.$ref) as Channel).address === TOPICS.waitlist,
    );
    expect(receive?.bindings).toMatchObject({ kafka: { groupId: { enum: [bridging.groupId] } } });
  });

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
