import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import type { ContractRegistry } from '@samenspel/contracts';
import { isObservable, lastValueFrom } from 'rxjs';
import type { BrokerConsumer, MessageBroker } from '../broker/broker.port';
import type { EventContext, EventHandler } from '../consumer/event-context';
import { EventProcessor, type EventProcessorOptions } from '../consumer/event-processor';
import { originalFailure } from './on-cloud-event.decorator';

export interface KafkaEventServerOptions extends Omit<EventProcessorOptions, 'handlers' | 'consumer'> {
  broker: MessageBroker;
  contracts: ContractRegistry;
  groupId: string;
  clientId: string;
  partitionsConcurrently?: number;
  fromBeginning?: boolean;
}

/**
 * A NestJS transport strategy over our broker interface. The stock Kafka server commits before
 * its handlers' effects are durable and has no dead letters; this one subscribes to the topics of
 * the event types its `@EventPattern` handlers name, and hands every message to the EventProcessor.
 * Handlers receive `(event: CloudEvent, context: EventContext)`.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  override readonly propagatesEventHandlerErrors = true;
  private consumer?: BrokerConsumer;
  private closing?: Promise<void>;

  constructor(private readonly options: KafkaEventServerOptions) {
    super();
  }

  async listen(callback: (...optionalParams: unknown[]) => unknown): Promise<void> {
    try {
      const handlers = new Map<string, EventHandler>();
      for (const [pattern, handler] of this.messageHandlers) {
        const contract = this.options.contracts.get(pattern);
        if (!contract) throw new Error(`@EventPattern('${pattern}') names no event type in the contracts`);
        handlers.set(pattern, async (event, context: EventContext) => {
          try {
            const result = await handler(event, context);
            if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
          } catch (error) {
            throw originalFailure(context, error);
          }
        });
      }
      const topics = [
        ...new Set([...handlers.keys()].map((type) => this.options.contracts.get(type)!.topic)),
      ];
      if (topics.length > 0) {
        const processor = new EventProcessor({ ...this.options, consumer: this.options.groupId, handlers });
        this.consumer = await this.options.broker.consumer({
          groupId: this.options.groupId,
          clientId: this.options.clientId,
          topics,
          partitionsConcurrently: this.options.partitionsConcurrently,
          fromBeginning: this.options.fromBeginning,
        });
        await this.consumer.run(processor.processBatch);
      }
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /** False while a service with handlers has not (yet, or no longer) joined its consumer group. */
  get consuming(): boolean {
    return this.consumer ? this.consumer.joined : this.messageHandlers.size === 0;
  }

  /** Stops fetching and waits for the handlers in flight; idempotent. */
  close(): Promise<void> {
    this.closing ??= this.consumer?.stop() ?? Promise.resolve();
    return this.closing;
  }

  on(): never {
    throw new Error('KafkaEventServer has no events to subscribe to');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }
}
