import type { CloudEvent } from '@samenspel/contracts';
import type { EntityManager } from 'typeorm';
import type { NewEvent, Outbox } from './outbox/outbox';
import { deferringPublish, unitOfWork } from './unit-of-work';

/** An outbox that records what was appended in which transaction (the append itself is tested against PostgreSQL). */
function recordingOutbox(): { outbox: Outbox; appended: Array<{ em: EntityManager; events: NewEvent[] }> } {
  const appended: Array<{ em: EntityManager; events: NewEvent[] }> = [];
  const outbox = {
    append: async (em: EntityManager, events: NewEvent[]) => {
      appended.push({ em, events: [...events] });
      return events.map((e) => ({ type: e.type }) as unknown as CloudEvent);
    },
  } as unknown as Outbox;
  return { outbox, appended };
}

const em = { name: 'the transaction' } as unknown as EntityManager;
const event = (key: string): NewEvent =>
  ({ type: 'nl.samenspel.test.v1', key, data: {} }) as unknown as NewEvent;

describe('a unit of work', () => {
  it('publishes one event or several into the outbox of its own transaction', async () => {
    const { outbox, appended } = recordingOutbox();
    const uow = unitOfWork(em, outbox);
    await uow.publish(event('a'));
    await uow.publish([event('b'), event('c')]);
    expect(appended.map((a) => [a.em, a.events.map((e) => e.key)])).toEqual([
      [em, ['a']],
      [em, ['b', 'c']],
    ]);
  });

  it("holds a batch's events until flush, then appends them once, in order", async () => {
    const { outbox, appended } = recordingOutbox();
    const batch = deferringPublish(unitOfWork(em, outbox));
    await batch.publish(event('a'));
    await batch.publish([event('b')]);
    expect(appended).toEqual([]);
    expect(await batch.flush()).toHaveLength(2);
    expect(appended.map((a) => a.events.map((e) => e.key))).toEqual([['a', 'b']]);
    await batch.flush();
    expect(appended.map((a) => a.events.length)).toEqual([2, 0]);
  });
});
