import { impactRows, type MonthlyCounters } from './impact';
import { medianScore, youthVoiceMeasures } from './youth-voice';

describe("the youngster's own view as counts", () => {
  it.each<[string, unknown, string[]]>([
    [
      'a score and two words',
      { score: 4, helped: ['group', 'someone-to-talk-to'] },
      [
        'youth_voice',
        'youth_voice_score_4',
        'youth_voice_helped_someone-to-talk-to',
        'youth_voice_helped_group',
      ],
    ],
    ['a score and nothing that helped', { score: 1, helped: [] }, ['youth_voice', 'youth_voice_score_1']],
    [
      'a word named twice counts once',
      { score: 5, helped: ['activity', 'activity'] },
      ['youth_voice', 'youth_voice_score_5', 'youth_voice_helped_activity'],
    ],
    ['no view', undefined, []],
    ['a score of 0', { score: 0, helped: [] }, []],
    ['a score of 6', { score: 6, helped: [] }, []],
    ['a score of 3.5', { score: 3.5, helped: [] }, []],
    ['a score as text', { score: '3', helped: [] }, []],
    ['free text as what helped', { score: 3, helped: ['my mentor Sam'] }, []],
    ['what helped missing', { score: 3 }, []],
    ['a list instead of a view', [3, 'group'], []],
  ])('counts %s in %j', (_scenario, raw, measures) => {
    expect(youthVoiceMeasures(raw)).toEqual(measures);
  });

  it.each<[string, Record<string, number>[], number | null]>([
    ['no views', [], null],
    // 1,2,2,4,5: the third of five scores.
    [
      'an odd number of views',
      [{ youth_voice_score_1: 1, youth_voice_score_2: 2, youth_voice_score_4: 1, youth_voice_score_5: 1 }],
      2,
    ],
    // 3,3,4,5,5,5: the mean of the third and fourth, (4 + 5) / 2.
    [
      'an even number of views',
      [{ youth_voice_score_3: 2, youth_voice_score_4: 1 }, { youth_voice_score_5: 3 }],
      4.5,
    ],
    ['one score only', [{ youth_voice_score_4: 7 }], 4],
  ])('takes the median score over %s', (_scenario, counters, median) => {
    expect(medianScore(counters)).toBe(median);
  });
});

describe('the youth voice in the na figures', () => {
  const month = (m: string, counters: Record<string, number>): MonthlyCounters => ({
    municipality: 'GM0344',
    month: m,
    counters,
  });
  // October: 6 views, scores 2,3,4,4,5,5 (median 4), someone-to-talk-to 5 times, group twice.
  const october = month('2026-10', {
    youth_voice: 6,
    youth_voice_score_2: 1,
    youth_voice_score_3: 1,
    youth_voice_score_4: 2,
    youth_voice_score_5: 2,
    'youth_voice_helped_someone-to-talk-to': 5,
    youth_voice_helped_group: 2,
  });
  // November: 3 views (scores 1,1,2), too few to show.
  const november = month('2026-11', { youth_voice: 3, youth_voice_score_1: 2, youth_voice_score_2: 1 });

  it('shows the views, their median score and what helped when the cells are large enough', () => {
    const [row] = impactRows([october, november], '2026-10', new Map(), 5);
    expect(row.na.youthVoice).toEqual({
      views: 6,
      medianScore: 4,
      helped: {
        'someone-to-talk-to': 5,
        group: null,
        activity: null,
        'practical-help': null,
        'school-or-work': null,
      },
    });
  });

  it('hides a month with too few views, and its median with it', () => {
    const [row] = impactRows([october, november], '2026-11', new Map(), 5);
    expect(row.na.youthVoice.views).toBeNull();
    expect(row.na.youthVoice.medianScore).toBeNull();
  });

  it("hides October's views too when the quarter would give November's away", () => {
    // December: 7 views, all scored 5. Q4 = 6 + 3 + 7 = 16 is shown; with October and December
    // shown, November's 3 would be 16 - 6 - 7, so the smallest shown month, October, is hidden too.
    const december = month('2026-12', { youth_voice: 7, youth_voice_score_5: 7 });
    const all = [october, november, december];
    // Q4's scores: 1,1,2,2,3,4,4,5,5 then seven 5s; the median of 16 is the mean of the 8th and 9th, 5.
    expect(impactRows(all, '2026-Q4', new Map(), 5)[0].na.youthVoice).toMatchObject({
      views: 16,
      medianScore: 5,
    });
    expect(impactRows(all, '2026-10', new Map(), 5)[0].na.youthVoice).toMatchObject({
      views: null,
      medianScore: null,
    });
    expect(impactRows(all, '2026-12', new Map(), 5)[0].na.youthVoice).toMatchObject({
      views: 7,
      medianScore: 5,
    });
  });
});
