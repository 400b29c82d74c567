import type { BrokerAdmin, BrokerProducer, MessageBroker } from '@samenspel/messaging';

/** The console's own broker connections: an admin for lag and offsets, a producer for replays. */
export class OpsKafka {
  private admin?: Promise<BrokerAdmin>;
  private producer?: Promise<BrokerProducer>;
  private closed = false;

  constructor(
    readonly broker: MessageBroker,
    readonly clientId: string,
  ) {}

  adminClient(): Promise<BrokerAdmin> {
    if (this.closed) return Promise.reject(new Error('ops kafka closed'));
    this.admin ??= this.broker.admin(`${this.clientId}-ops-admin`).catch((error: unknown) => {
      this.admin = undefined;
      throw error;
    });
    return this.admin;
  }

  /** The id of the cluster the console reads from: part of the ledger's idempotency key. */
  async clusterId(): Promise<string> {
    return (await this.adminClient()).clusterId();
  }

  producerClient(): Promise<BrokerProducer> {
    if (this.closed) return Promise.reject(new Error('ops kafka closed'));
    this.producer ??= this.broker.producer(`${this.clientId}-replay`).catch((error: unknown) => {
      this.producer = undefined;
      throw error;
    });
    return this.producer;
  }

  async close(): Promise<void> {
    this.closed = true;
    const [admin, producer] = [this.admin, this.producer];
    this.admin = this.producer = undefined;
    await Promise.allSettled([admin?.then((a) => a.disconnect()), producer?.then((p) => p.disconnect())]);
  }
}
