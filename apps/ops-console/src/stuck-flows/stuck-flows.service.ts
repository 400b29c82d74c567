import { Inject, Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@samenspel/http';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import {
  handoverDeadline,
  isDeadLetterStuck,
  isHandoverStuck,
  isOfferTaskStuck,
  isWaitlistEntryStuck,
  STUCK_RULES,
} from '../domain/stuck-rules';
import { OPS_SETTINGS, type OpsSettings } from '../config/ops-settings';
import { DeadLetterRepository } from '../dead-letters/dead-letter.repository';
import type { StuckFlow } from './stuck-flow.entity';
import { StuckFlowsRepository } from './stuck-flows.repository';

/** Applies the stuck-flow rules to the flow state the ledger keeps. */
@Injectable()
export class StuckFlowsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly flows: StuckFlowsRepository,
    private readonly deadLetters: DeadLetterRepository,
    @Inject(OPS_SETTINGS) private readonly settings: OpsSettings,
    metrics: MetricsRegistry,
  ) {
    const list = () => this.list();
    new Gauge({
      name: 'samenspel_stuck_flows',
      help: 'Flows that a stuck-flow rule currently flags, by rule',
      labelNames: ['rule'],
      registers: [metrics],
      async collect() {
        const found = await list();
        for (const rule of STUCK_RULES) this.set({ rule }, found.filter((f) => f.rule === rule).length);
      },
    });
  }

  async list(now = new Date()): Promise<StuckFlow[]> {
    const t = this.settings.thresholds;
    const em = this.dataSource.manager;
    const found: StuckFlow[] = [];
    for (const e of await this.flows.waitingEntries(em)) {
      if (isWaitlistEntryStuck(e, now, t)) {
        const since = new Date(e.enteredAt.getTime() + t.waitlistNoOfferSeconds * 1000);
        found.push({
          rule: 'waitlist-no-offer',
          youthRef: e.youthRef,
          ref: e.waitlistEntryId,
          since: since.toISOString(),
        });
      }
    }
    for (const task of await this.flows.unclaimedTasks(em)) {
      if (isOfferTaskStuck(task, now, t)) {
        found.push({
          rule: 'offer-task-unclaimed',
          youthRef: task.youthRef,
          ref: task.taskId,
          since: task.dueAt.toISOString(),
        });
      }
    }
    for (const h of await this.flows.handoversWithoutFirstContact(em)) {
      if (isHandoverStuck(h, now, t)) {
        const since = handoverDeadline(h.handedOverAt, t).toISOString();
        found.push({ rule: 'handover-no-first-contact', youthRef: h.youthRef, ref: h.referralId, since });
      }
    }
    for (const d of await this.deadLetters.open(em)) {
      if (isDeadLetterStuck(d, now, t)) {
        found.push({
          rule: 'dead-letter-unhandled',
          youthRef: d.youthRef,
          ref: d.id,
          since: d.receivedAt.toISOString(),
        });
      }
    }
    return found;
  }
}
