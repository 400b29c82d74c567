import { Injectable } from '@nestjs/common';
import type { WaitlistExitedData } from '@samenspel/contracts';
import { assertEntryMove } from '../../../domain/bridging-lifecycle';
import { weeksBridged } from '../../../domain/bridging-measures';
import { ended } from '../../../shared/bridging-events';
import { BridgingRepository } from '../../../shared/bridging.repository';
import { withdrawOpenOffer } from '../../../offers/offer-withdrawal';
import type { Tx } from '../../../shared/transaction';

export class ExitEntryCommand {
  constructor(readonly data: WaitlistExitedData) {}
}

/**
 * The youngster left the waiting list. An open offer is withdrawn and its seat released (the
 * team's task closes). An accepted placement is never cancelled from here: with care-started it
 * goes on (the care worker can join the group) and the team gets a task to agree the next step;
 * `ended` says so with placementContinues and the team.
 */
@Injectable()
export class ExitEntry {
  async execute(command: ExitEntryCommand, tx: Tx): Promise<'unknown' | 'ended' | 'already-ended'> {
    const d = command.data;
    const repo = BridgingRepository.in(tx.em);
    const entry = await repo.entry(d.waitlistEntryId, true);
    if (!entry || entry.youthRef !== d.youthRef) return 'unknown';
    if (entry.status === 'ended') return 'already-ended';
    const offers = await repo.offers(entry.waitlistEntryId);
    await withdrawOpenOffer(tx, repo, entry, offers, d.reason);
    const accepted = offers.find((o) => o.status === 'accepted');
    assertEntryMove(entry.status, 'ended');
    entry.status = 'ended';
    entry.exitReason = d.reason;
    entry.exitedAt = new Date(d.exitedAt);
    await repo.saveEntry(entry);
    const weeks =
      accepted && entry.acceptedAt
        ? weeksBridged({
            acceptedAt: entry.acceptedAt,
            enteredAt: entry.enteredAt,
            expectedWaitWeeks: entry.expectedWaitWeeks,
            exitedAt: entry.exitedAt,
          })
        : undefined;
    await tx.publish(ended(entry, { reason: d.reason, accepted, weeksBridged: weeks }));
    return 'ended';
  }
}
