import type { ArgumentMetadata } from '@nestjs/common';
import { createValidationPipe, RequestValidationError } from '@samenspel/http';
import { CompleteTaskBody } from '../../tasks/dto/task.dto';
import { FollowUpStepBody } from './workspace.dto';

const pipe = createValidationPipe();
const bodies: [string, ArgumentMetadata][] = [
  ['POST /workspace/tasks/{id}/follow-up-step', { type: 'body', metatype: FollowUpStepBody }],
  ['POST /tasks/{id}/complete', { type: 'body', metatype: CompleteTaskBody }],
];

describe.each(bodies)("the youngster's own view on %s", (_route, body) => {
  it.each<[string, unknown]>([
    ['no view at all', undefined],
    ['a score and nothing that helped', { score: 1, helped: [] }],
    [
      'the highest score and every word',
      { score: 5, helped: ['someone-to-talk-to', 'group', 'activity', 'practical-help', 'school-or-work'] },
    ],
  ])('takes %s', async (_scenario, youthVoice) => {
    const parsed = (await pipe.transform({ outcome: 'reached', youthVoice }, body)) as FollowUpStepBody;
    expect(parsed.youthVoice).toEqual(youthVoice);
  });

  it.each<[string, unknown, string]>([
    ['a score of 0', { score: 0, helped: [] }, 'youthVoice.score'],
    ['a score of 6', { score: 6, helped: [] }, 'youthVoice.score'],
    ['a score of 2.5', { score: 2.5, helped: [] }, 'youthVoice.score'],
    ['a score given as text', { score: '4', helped: [] }, 'youthVoice.score'],
    ['free text as what helped', { score: 4, helped: ['talking to Sam on Tuesdays'] }, 'youthVoice.helped'],
    ['what helped as one string', { score: 4, helped: 'group' }, 'youthVoice.helped'],
    [
      'a remark beside the vocabulary',
      { score: 4, helped: ['group'], remark: 'felt heard' },
      'youthVoice.remark',
    ],
    ['a view that is not an object', 'it went well', 'youthVoice'],
  ])('refuses %s', async (_scenario, youthVoice, field) => {
    const refusal = await pipe.transform({ outcome: 'reached', youthVoice }, body).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(RequestValidationError);
    expect((refusal as RequestValidationError).fieldErrors.map((e) => e.field)).toContain(field);
  });
});
