import type { ArgumentMetadata } from '@nestjs/common';
import { createValidationPipe, RequestValidationError } from '@samenspel/http';
import { WorkspaceWarmHandoverBody } from './workspace.dto';

const pipe = createValidationPipe();
const body: ArgumentMetadata = { type: 'body', metatype: WorkspaceWarmHandoverBody };
const planned = { proposedAt: '2026-12-10T14:00:00+01:00', participantRoles: ['care-worker', 'youth'] };

describe('a warm handover planned from the workspace', () => {
  it('takes a moment and the roles that take part', async () => {
    expect(await pipe.transform(planned, body)).toEqual(planned);
  });

  it.each<[string, object, string]>([
    ['a name among the roles', { participantRoles: ['care-worker', 'Sam de Vries'] }, 'participantRoles'],
    ['nobody taking part', { participantRoles: [] }, 'participantRoles'],
    ['eleven roles', { participantRoles: Array.from({ length: 11 }, () => 'youth') }, 'participantRoles'],
    ['a day of the week as the moment', { proposedAt: 'next tuesday' }, 'proposedAt'],
    ['a note beside the plan', { note: 'ring the bell twice' }, 'note'],
  ])('refuses %s, quoting nothing of it', async (_scenario, change, field) => {
    const refusal = await pipe.transform({ ...planned, ...change }, body).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(RequestValidationError);
    const errors = (refusal as RequestValidationError).fieldErrors;
    expect(errors.map((e) => e.field)).toContain(field);
    expect(JSON.stringify(errors)).not.toMatch(/Sam de Vries|tuesday|bell/);
  });
});
