import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { MetricsRegistry, SERVICE_LOGGER } from '@samenspel/http';
import type { PartitionLag } from '@samenspel/messaging';
import type { Logger } from 'pino';
import { Gauge } from 'prom-client';
import { OpsKafka } from '../shared/ops-kafka';
import { OPS_SETTINGS, type OpsSettings } from '../config/ops-settings';

export interface GroupLag extends PartitionLag {
  group: string;
}

export interface TopicThroughput {
  topic: string;
  endOffset: number;
  eventsPerSecond: number;
  windowSeconds: number;
}

interface Sample {
  at: number;
  total: number;
}

/** Keeps about ten minutes of samples per topic. */
const MAX_SAMPLES = 40;

/** Consumer lag from the Kafka admin API, and throughput per topic from sampled end offsets. */
@Injectable()
export class KafkaHealthService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly samples = new Map<string, Sample[]>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly kafka: OpsKafka,
    @Inject(OPS_SETTINGS) private readonly settings: OpsSettings,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
    metrics: MetricsRegistry,
  ) {
    const lagOf = (group?: string) => this.lag(group);
    new Gauge({
      name: 'samenspel_consumer_group_lag',
      help: 'Records not yet consumed, per consumer group and topic (Kafka admin API)',
      labelNames: ['group', 'topic'],
      registers: [metrics],
      async collect() {
        this.reset();
        const totals = new Map<string, { group: string; topic: string; lag: number }>();
        for (const p of await lagOf()) {
          const key = `${p.group}\u0000${p.topic}`;
          const t = totals.get(key) ?? { group: p.group, topic: p.topic, lag: 0 };
          t.lag += p.lag;
          totals.set(key, t);
        }
        for (const t of totals.values()) this.set({ group: t.group, topic: t.topic }, t.lag);
      },
    });
  }

  onApplicationBootstrap(): void {
    void this.sample();
    this.timer = setInterval(() => void this.sample(), this.settings.throughputSampleIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Lag per group, topic and partition: one group, or every group with the configured prefix. */
  async lag(group?: string): Promise<GroupLag[]> {
    const admin = await this.kafka.adminClient();
    const groups = group
      ? [group]
      : (await admin.listGroups()).filter((g) => g.startsWith(this.settings.lagGroupPrefix)).sort();
    const result: GroupLag[] = [];
    for (const g of groups) {
      for (const p of await admin.consumerLag(g)) result.push({ group: g, ...p });
    }
    return result;
  }

  async sample(): Promise<void> {
    try {
      const admin = await this.kafka.adminClient();
      const at = Date.now();
      for (const topic of this.settings.topics) {
        const offsets = await admin.topicEndOffsets(topic);
        const total = offsets.reduce((n, o) => n + Number(o.offset), 0);
        const list = [...(this.samples.get(topic) ?? []), { at, total }].slice(-MAX_SAMPLES);
        this.samples.set(topic, list);
      }
    } catch (error) {
      this.logger.warn({ err: (error as Error).name }, 'throughput sample failed');
    }
  }

  /** Events per second over the sampled window (first to last sample) of each topic. */
  throughput(): TopicThroughput[] {
    return [...this.samples].map(([topic, list]) => {
      const first = list[0];
      const last = list[list.length - 1];
      const seconds = (last.at - first.at) / 1000;
      return {
        topic,
        endOffset: last.total,
        eventsPerSecond: seconds > 0 ? Math.round(((last.total - first.total) / seconds) * 1000) / 1000 : 0,
        windowSeconds: Math.round(seconds),
      };
    });
  }
}
