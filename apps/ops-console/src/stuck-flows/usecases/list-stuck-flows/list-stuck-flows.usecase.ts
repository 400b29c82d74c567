import { Inject, Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@samenspel/messaging';
import { OPS_SETTINGS, type OpsSettings } from '../../../config/ops-settings';
import { DeadLettersRepository } from '../../../dead-letters/dead-letters.repository';
import {
  handoverDeadline,
  isDeadLetterStuck,
  isHandoverStuck,
  isOfferTaskStuck,
  isWaitlistEntryStuck,
  STUCK_RULES,
  type StuckRule,
} from '../../../domain/stuck-rules';
import type { StuckFlow } from '../../stuck-flow.entity';
import { StuckFlowsRepository } from '../../stuck-flows.repository';
import type { ListStuckFlowsCommand } from './list-stuck-flows.command';

export interface StuckFlows {
  items: StuckFlow[];
  total: number;
  /** How many flows each rule flags. */
  byRule: Record<StuckRule, number>;
}

/** Applies the stuck-flow rules to the flow states the ledger keeps, and to the open dead letters. */
@Injectable()
export class ListStuckFlows {
  constructor(
    private readonly flows: StuckFlowsRepository,
    private readonly deadLetters: DeadLettersRepository,
    @Inject(OPS_SETTINGS) private readonly settings: OpsSettings,
  ) {}

  async execute(command: ListStuckFlowsCommand, uow: UnitOfWork): Promise<StuckFlows> {
    const all = await this.flagged(command.now, uow);
    const items = command.rule ? all.filter((f) => f.rule === command.rule) : all;
    const byRule = Object.fromEntries(STUCK_RULES.map((r) => [r, all.filter((f) => f.rule === r).length]));
    return { items, total: items.length, byRule: byRule as Record<StuckRule, number> };
  }

  private async flagged(now: Date, { em }: UnitOfWork): Promise<StuckFlow[]> {
    const t = this.settings.thresholds;
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
