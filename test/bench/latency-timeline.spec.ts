import { latencies, slowestBySecond, slowestSecond, type LatencyResult } from '../../bench/pipeline';

describe('the latency run timeline', () => {
  it('keeps the slowest flow of each second after the first flow was produced', () => {
    const sentAt = [10_000, 10_400, 10_999, 11_000, 13_500];
    const latency = [120, 900, 300, 80, 2_000];
    // Second 2 (12,000–12,999) had no flow.
    expect(slowestBySecond(sentAt, latency)).toEqual([900, 80, 0, 2_000]);
  });

  it('is empty for a run without flows', () => {
    expect(slowestBySecond([], [])).toEqual([]);
  });

  it('names the slowest second, its wall-clock time and how many seconds passed 1 s', () => {
    const run = {
      startedAt: '2026-11-28T17:35:00.000Z',
      maxBySecond: [300, 1_200, 2_500, 400],
    } as LatencyResult;
    expect(slowestSecond(run)).toBe(
      'slowest second: +2 s (17:35:02 UTC), its slowest flow 2500 ms; seconds with a flow over 1 s: 2',
    );
  });

  it('splits each flow at its offer: produced -> offer and offer -> task, as p50 and p99', () => {
    const sent = [0, 1, 2, 3].map((i) => ({ youthRef: `y${i}`, sentAt: 1_000 * i }));
    const tasks = [
      { offeredAt: 40, createdAt: 70, seenAt: 90 },
      { offeredAt: 1_050, createdAt: 1_090, seenAt: 1_100 },
      { offeredAt: 2_030, createdAt: 2_250, seenAt: 2_260 },
      { offeredAt: 3_400, createdAt: 3_420, seenAt: 3_430 },
    ];

    const result = latencies(10, sent, tasks);

    expect(result.hops).toEqual({ toOffer: { p50: 40, p99: 400 }, offerToTask: { p50: 30, p99: 220 } });
    expect({ p50: result.p50, p99: result.p99 }).toEqual({ p50: 90, p99: 420 });
  });
});
