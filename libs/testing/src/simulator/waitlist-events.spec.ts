import { samenspelContracts, TOPICS } from '@samenspel/contracts';
import { decodeEvent, validateData, type IncomingMessage } from '@samenspel/messaging';
import {
  enteredEvent,
  exitedEvent,
  INTAKE_SYSTEMS,
  toRecord,
  trajectoryEndedEvent,
  updatedEvent,
} from './waitlist-events';
import { malform } from './waitlist-simulator';

const contracts = samenspelContracts();
const source = INTAKE_SYSTEMS[0].source;

/** Decodes a record as the consumer does and validates its data against the contract. */
function problemsOf(record: ReturnType<typeof toRecord>, topic: string = TOPICS.waitlist): string[] {
  try {
    const message: IncomingMessage = {
      topic,
      timestamp: String(Date.now()),
      partition: 0,
      offset: '0',
      key: Buffer.from(record.key),
      value: Buffer.from(record.value),
      headers: Object.fromEntries(
        Object.entries(record.headers).map(([k, v]) => [k, Buffer.from(String(v))]),
      ),
    };
    const event = decodeEvent(message);
    const contract = contracts.get(event.type);
    if (!contract) return [`no contract for ${event.type}`];
    if (contract.topic !== topic) return [`${event.type} is not for ${topic}`];
    return validateData(contract.dataClass, event.data).errors;
  } catch (error) {
    return [(error as Error).message];
  }
}

describe('the synthetic intake events', () => {
  it.each(['structured', 'binary'] as const)('follow the inbound contract in %s mode', (mode) => {
    for (let i = 0; i < 50; i++) {
      const entered = enteredEvent(INTAKE_SYSTEMS[i % 2].source);
      const ref = {
        waitlistEntryId: String(entered.data.waitlistEntryId),
        youthRef: String(entered.data.youthRef),
      };
      expect(problemsOf(toRecord(entered, mode))).toEqual([]);
      expect(problemsOf(toRecord(updatedEvent(source, { ...ref, expectedWaitWeeks: 3 }), mode))).toEqual([]);
      expect(problemsOf(toRecord(exitedEvent(source, { ...ref, reason: 'care-started' }), mode))).toEqual([]);
    }
  });

  it('puts ended trajectories on their own topic, following their contract', () => {
    const record = toRecord(
      trajectoryEndedEvent(source, 'yr_0123456789', 17, 'GM0344', '3581'),
      'structured',
    );
    expect(problemsOf(record, TOPICS.trajectory)).toEqual([]);
  });

  it.each(['structured', 'binary'] as const)(
    'makes a malformed %s event that the consumer refuses',
    (mode) => {
      for (let i = 0; i < 30; i++) {
        const event = enteredEvent(source);
        expect(problemsOf(malform(toRecord(event, mode), event))).not.toEqual([]);
      }
    },
  );

  it('keys every event by youthRef and prefixes entry ids with the intake system code', () => {
    const event = enteredEvent(INTAKE_SYSTEMS[1].source);
    expect(toRecord(event, 'binary').key).toBe(event.data.youthRef);
    expect(String(event.data.waitlistEntryId)).toMatch(/^AMF-WL-/);
  });
});
