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
  type StuckRule,
} from '../domain/stuck-rules';
import { OPS_SETTINGS, type OpsSettings } from '../config/ops-settings';

export interface StuckFlow {
  rule: StuckRule;
  youthRef: string | null;
  /** The record that is stuck: a waitlist entry, task, referral or dead-letter id. */
  ref: string;
  /** Since when it counts as stuck. */
  since: string;
}

/** Applies the stuck-flow rules to the flow state the ledger keeps. */
@Injectable()
export class StuckFlowsService {
  constructor(
    private readonly dataSource: DataSource,
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
    const q = (sql: string) => this.dataSource.query(sql) as Promise<Record<string, never>[]>;
    const found: StuckFlow[] = [];
    for (const r of await q(`SELECT * FROM waitlist_entry_state
        WHERE consent AND entered_at IS NOT NULL AND offered_at IS NULL AND queued_at IS NULL AND closed_at IS NULL`)) {
      const e = {
        consent: r.consent,
        enteredAt: new Date(r.entered_at),
        offeredAt: null,
        queuedAt: null,
        closedAt: null,
      };
      if (isWaitlistEntryStuck(e, now, t)) {
        const since = new Date(e.enteredAt.getTime() + t.waitlistNoOfferSeconds * 1000);
        found.push({
          rule: 'waitlist-no-offer',
          youthRef: r.youth_ref,
          ref: r.waitlist_entry_id,
          since: since.toISOString(),
        });
      }
    }
    for (const r of await q(`SELECT * FROM task_state WHERE claimed_at IS NULL AND closed_at IS NULL`)) {
      const task = {
        taskType: r.task_type,
        offerId: r.offer_id,
        dueAt: new Date(r.due_at),
        claimedAt: null,
        closedAt: null,
      };
      if (isOfferTaskStuck(task, now, t)) {
        found.push({
          rule: 'offer-task-unclaimed',
          youthRef: r.youth_ref,
          ref: r.task_id,
          since: task.dueAt.toISOString(),
        });
      }
    }
    for (const r of await q(
      `SELECT * FROM handover_state WHERE first_contact_at IS NULL AND closed_at IS NULL`,
    )) {
      const h = { handedOverAt: new Date(r.handed_over_at), firstContactAt: null, closedAt: null };
      if (isHandoverStuck(h, now, t)) {
        const since = handoverDeadline(h.handedOverAt, t).toISOString();
        found.push({ rule: 'handover-no-first-contact', youthRef: r.youth_ref, ref: r.referral_id, since });
      }
    }
    for (const r of await q(
      `SELECT id, youth_ref, status, received_at FROM dead_letter WHERE status = 'open'`,
    )) {
      const d = { status: r.status, receivedAt: new Date(r.received_at) };
      if (isDeadLetterStuck(d, now, t)) {
        found.push({
          rule: 'dead-letter-unhandled',
          youthRef: r.youth_ref,
          ref: r.id,
          since: d.receivedAt.toISOString(),
        });
      }
    }
    return found;
  }
}
