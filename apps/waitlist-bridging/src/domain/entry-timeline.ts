/** A moment in a youngster's bridging flow, in vocabulary only. */
export interface TimelineMoment {
  at: string;
  event: 'entered' | 'offered' | 'accepted' | 'declined' | 'expired' | 'withdrawn' | 'exited';
  /** Which offer (1 to 3) the moment is about. */
  rank?: number;
  /** A reason code: why an offer was declined or withdrawn, or why the youngster left the list. */
  reason?: string;
}

/**
 * The youngster's flow in bridging, oldest first: entered the list, each offer made and how it
 * ended, and leaving the list. Other teams' activities are not named, only each offer's rank.
 */
export function entryTimeline(
  entry: { enteredAt: Date; exitedAt: Date | null; exitReason: string | null },
  offers: readonly {
    rank: number;
    status: string;
    offeredAt: Date;
    decidedAt: Date | null;
    reason: string | null;
  }[],
): TimelineMoment[] {
  const moments: { at: Date; moment: TimelineMoment }[] = [
    { at: entry.enteredAt, moment: { at: entry.enteredAt.toISOString(), event: 'entered' } },
  ];
  for (const o of offers) {
    moments.push({
      at: o.offeredAt,
      moment: { at: o.offeredAt.toISOString(), event: 'offered', rank: o.rank },
    });
    if (o.status !== 'open' && o.decidedAt) {
      moments.push({
        at: o.decidedAt,
        moment: {
          at: o.decidedAt.toISOString(),
          event: o.status as TimelineMoment['event'],
          rank: o.rank,
          ...(o.reason && { reason: o.reason }),
        },
      });
    }
  }
  if (entry.exitedAt) {
    moments.push({
      at: entry.exitedAt,
      moment: {
        at: entry.exitedAt.toISOString(),
        event: 'exited',
        ...(entry.exitReason && { reason: entry.exitReason }),
      },
    });
  }
  // A stable sort: moments at the same instant keep the order above (an offer before its end).
  return moments.sort((a, b) => a.at.getTime() - b.at.getTime()).map((m) => m.moment);
}
