import { OwnerRefusedError, OwnerUnavailableError } from './owning-services.port';

describe("an owner's answer as the workspace gives it on", () => {
  it.each<[string, Record<string, unknown>, object]>([
    [
      'a problem of ours: its code, title, detail and extensions, with the owner',
      {
        type: 'https://samenspel.nl/problems/illegal-transition',
        title: 'Illegal transition',
        status: 409,
        detail: 'a accepted offer cannot become accepted',
        instance: '/api/v1/offers/o-1/accept',
        currentState: 'accepted',
      },
      {
        status: 409,
        code: 'illegal-transition',
        title: 'Illegal transition',
        message: 'a accepted offer cannot become accepted',
        extensions: { currentState: 'accepted', owner: 'waitlist-bridging' },
      },
    ],
    [
      'a problem with a type of another shape: a generic code and detail',
      { type: 'about:blank', status: 400 },
      {
        status: 400,
        code: 'refused',
        title: 'Refused',
        message: 'The waitlist-bridging service refused',
        extensions: { owner: 'waitlist-bridging' },
      },
    ],
  ])('%s', (_scenario, problem, expected) => {
    const error = new OwnerRefusedError('waitlist-bridging', problem.status as number, problem);
    expect({
      status: error.status,
      code: error.code,
      title: error.title,
      message: error.message,
      extensions: error.extensions,
    }).toEqual(expected);
  });

  it('a silent owner: 503 owner-unavailable naming it, nothing of the cause in the answer', () => {
    const error = new OwnerUnavailableError('activity', new Error('connect ECONNREFUSED 127.0.0.1:3003'));
    expect([error.status, error.code, error.message, error.extensions]).toEqual([
      503,
      'owner-unavailable',
      'The activity service did not answer; try again shortly',
      { owner: 'activity' },
    ]);
  });
});
