import { SERVICES } from '@samenspel/bootstrap';
import {
  ACTIVITY_EVENT_TYPES,
  allTopicSpecs,
  BRIDGING_EVENT_TYPES,
  REFERRAL_EVENT_TYPES,
  SAMENSPEL_CONTRACTS,
  TASK_EVENT_TYPES,
  TOPIC_SPECS,
  TOPICS,
  WAITLIST_EVENT_TYPES,
} from '@samenspel/contracts';
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
  contentType?: string;
  traits?: { $ref: string }[];
  headers?: { properties?: Record<string, unknown>; required?: string[] };
  payload?: { allOf?: Node[] };
  examples?: { payload?: { type?: string; data?: unknown } }[];
}

const doc = parse(readFileSync(DOC_PATH, 'utf8')) as {
  asyncapi: string;
  servers: Record<string, { host: string; protocol: string }>;
  channels: Record<string, Channel>;
  operations: Record<
    string,
    { action: string; channel: { $ref: string }; messages?: { $ref: string }[]; bindings?: Node }
  >;
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

  const service = (name: string) => SERVICES.find((s) => s.name === name)!;
  const operationsOf = (action: 'send' | 'receive', name: string, topic: string) =>
    Object.values(doc.operations).filter((op) => {
      const kafka = (
        op.bindings as { kafka?: { groupId?: { enum?: string[] }; clientId?: { enum?: string[] } } }
      )?.kafka;
      const ids = action === 'receive' ? kafka?.groupId?.enum : kafka?.clientId?.enum;
      return (
        op.action === action &&
        (resolvePointer(op.channel.$ref) as Channel).address === topic &&
        (ids ?? []).includes(service(name).groupId)
      );
    });
  const typesIn = (ops: { messages?: { $ref: string }[] }[]) =>
    ops.flatMap((op) => (op.messages ?? []).map((m) => messageAt(m.$ref).name));

  it.each([
    ['activity', TOPICS.activity],
    ['waitlist-bridging', TOPICS.bridging],
    ['referral', TOPICS.referral],
    ['notification', TOPICS.task],
  ])('lets the %s service send every event type of %s', (name, topic) => {
    expect(typesIn(operationsOf('send', name, topic)).sort()).toEqual(
      SAMENSPEL_CONTRACTS.filter((c) => c.topic === topic)
        .map((c) => c.type)
        .sort(),
    );
  });

  it.each([
    ['waitlist-bridging', TOPICS.waitlist, Object.values(WAITLIST_EVENT_TYPES)],
    [
      'waitlist-bridging',
      TOPICS.activity,
      Object.values(ACTIVITY_EVENT_TYPES).filter((t) => /\.(activity|placement)\./.test(t)),
    ],
    ['referral', TOPICS.trajectory, [REFERRAL_EVENT_TYPES.trajectoryEnded]],
    [
      'referral',
      TOPICS.jeugdzorgReferral,
      [
        REFERRAL_EVENT_TYPES.careReferralRequested,
        REFERRAL_EVENT_TYPES.careReferralAccepted,
        REFERRAL_EVENT_TYPES.careReferralRejected,
      ],
    ],
    ['referral', TOPICS.activity, [ACTIVITY_EVENT_TYPES.teamCreated, ACTIVITY_EVENT_TYPES.teamUpdated]],
    ['referral', TOPICS.task, [TASK_EVENT_TYPES.completed]],
    ['notification', TOPICS.activity, [ACTIVITY_EVENT_TYPES.teamCreated, ACTIVITY_EVENT_TYPES.teamUpdated]],
    ['notification', TOPICS.bridging, Object.values(BRIDGING_EVENT_TYPES)],
    [
      'notification',
      TOPICS.referral,
      SAMENSPEL_CONTRACTS.filter((c) => c.topic === TOPICS.referral).map((c) => c.type),
    ],
  ] as [string, string, string[]][])(
    'lets the %s service receive from %s under its own group id',
    (name, topic, types) => {
      expect(typesIn(operationsOf('receive', name, topic)).sort()).toEqual([...types].sort());
    },
  );

  it.each(allTopicSpecs(TOPIC_SPECS).map((s) => s.name))(
    'lets the ops console read everything on %s, raw',
    (topic) => {
      const reads = operationsOf('receive', 'ops-console', topic);
      expect(reads).toHaveLength(1);
      expect(reads[0]).not.toHaveProperty('messages');
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
