import { createLogger } from '@samenspel/observability';
import { aUniqueName, TestKafka, waitFor } from '@samenspel/testing';
import { KafkaJsBroker, type BrokerConsumer } from '../src';

/**
 * A batch that outlasts the session timeout (10 s) gets its member evicted by the coordinator, and
 * its offset commit fails with "The coordinator is not aware of this member". kafkajs calls that
 * non-retriable and gives up on the consumer; the adapter must join the group again so that the
 * service keeps consuming (the batch comes again, which the inbox makes harmless).
 */
describe('a consumer whose batch outlasted the session timeout', () => {
  const kafka = new TestKafka();
  let consumer: BrokerConsumer | undefined;

  afterAll(async () => {
    await consumer?.stop();
    await kafka.close();
  });

  it('joins its group again and consumes on, up to the end of the topic', async () => {
    const topic = await kafka.createTopic('rejoin', 1);
    await kafka.produce(topic, [
      { key: 'a', value: 'first' },
      { key: 'a', value: 'second' },
    ]);
    const broker = new KafkaJsBroker(
      (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
      createLogger('rejoin-test', 'fatal'),
    );
    const groupId = aUniqueName('rejoin');
    consumer = await broker.consumer({ groupId, clientId: groupId, topics: [topic] });
    const seen: string[] = [];
    let stalled = false;
    void consumer.run(async (batch, control) => {
      if (!stalled) {
        stalled = true;
        // The fault: a batch that takes longer than the 10 s session timeout, without a heartbeat.
        await new Promise((r) => setTimeout(r, 13000));
      }
      for (const m of batch.messages) {
        seen.push(m.value!.toString());
        control.markHandled(m);
      }
      await control.commit();
    });

    const committed = await waitFor(
      async () => (await kafka.committedOffsets(groupId, topic)).get(0) === '2',
      { timeoutMs: 60000, intervalMs: 250, description: 'the offsets committed after the rejoin' },
    );
    expect(committed).toBe(true);
    expect(seen.slice(-2)).toEqual(['first', 'second']);
    expect(consumer.joined).toBe(true);
  }, 90000);
});
