import {
  BadRequestException,
  ConflictException,
  HttpException,
  InternalServerErrorException,
  NotFoundException,
  PayloadTooLargeException,
  UnauthorizedException,
} from '@nestjs/common';
import { DomainError, IllegalTransition, StateConflict } from '@samenspel/contracts';
import { ForbiddenError, HttpError, NotFoundError, PreconditionFailedError } from './http-errors';
import { toProblem, UNEXPECTED_ERROR_DETAIL } from './problem-mapper';
import { RequestValidationError } from './validation-pipe';

const INSTANCE = '/api/v1/referrals/r-1';

describe('toProblem', () => {
  it.each([
    [new NotFoundError('Referral r-1 does not exist'), 404, 'not-found', 'Not found'],
    [new HttpError(409, 'no-capacity', 'Activity a-1 is full'), 409, 'no-capacity', 'No capacity'],
    [
      new IllegalTransition('A closed referral cannot be accepted', {}),
      409,
      'illegal-transition',
      'Illegal transition',
    ],
    [
      new HttpError(422, 'consent-missing', 'No consent from the guardian of a 14-year-old'),
      422,
      'consent-missing',
      'Consent missing',
    ],
    [
      new PreconditionFailedError('The referral changed since version 3'),
      412,
      'precondition-failed',
      'Precondition failed',
    ],
    [new ForbiddenError('Referral r-1 belongs to another team'), 403, 'forbidden', 'Forbidden'],
  ])('maps %p to its status, with its code as problem type', (error, status, code, title) => {
    expect(toProblem(error, INSTANCE)).toEqual({
      type: `https://samenspel.nl/problems/${code}`,
      title,
      status,
      detail: error.message,
      instance: INSTANCE,
    });
  });

  it('keeps the extensions of a domain error without letting them replace the standard members', () => {
    const error = new IllegalTransition('A closed referral cannot be accepted', {
      currentState: 'closed',
      status: 200,
      type: 'spoofed',
    });

    expect(toProblem(error, INSTANCE)).toEqual({
      type: 'https://samenspel.nl/problems/illegal-transition',
      title: 'Illegal transition',
      status: 409,
      detail: 'A closed referral cannot be accepted',
      instance: INSTANCE,
      currentState: 'closed',
    });
  });

  it('lets a subclass of a domain error choose its own code and title', () => {
    class NoCapacityError extends StateConflict {
      constructor(activityId: string) {
        super('no-capacity', `Activity ${activityId} has no free seat`, { title: 'The activity is full' });
      }
    }
    const error = new NoCapacityError('a-9');

    expect(error).toBeInstanceOf(DomainError);
    expect(error.name).toBe('NoCapacityError');
    expect(toProblem(error, INSTANCE)).toMatchObject({
      type: 'https://samenspel.nl/problems/no-capacity',
      title: 'The activity is full',
      status: 409,
    });
  });

  it('maps validation failures to 400 with the field errors', () => {
    const error = new RequestValidationError([{ field: 'consent.givenBy', messages: ['must be a string'] }]);

    expect(toProblem(error, INSTANCE)).toEqual({
      type: 'https://samenspel.nl/problems/validation-failed',
      title: 'Validation failed',
      status: 400,
      detail: 'The request has 1 invalid field(s): consent.givenBy',
      instance: INSTANCE,
      errors: [{ field: 'consent.givenBy', messages: ['must be a string'] }],
    });
  });

  it.each([
    [
      new UnauthorizedException('The bearer token has expired'),
      401,
      'unauthorized',
      'Unauthorized',
      'The bearer token has expired',
    ],
    [
      // The router's message quotes the path: the caller gets a fixed detail instead.
      new NotFoundException('Cannot GET /api/v1/<img src=x>'),
      404,
      'not-found',
      'Not Found',
      'No route answers this method and path',
    ],
    [new ConflictException(), 409, 'conflict', 'Conflict', 'Conflict'],
    [new PayloadTooLargeException(), 413, 'payload-too-large', 'Payload Too Large', 'Payload Too Large'],
    [
      new BadRequestException(['a must be set', 'b must be set']),
      400,
      'bad-request',
      'Bad Request',
      'a must be set; b must be set',
    ],
    [new HttpException('I am a teapot', 418), 418, 'i-m-a-teapot', "I'm a Teapot", 'I am a teapot'],
  ])('maps the HttpException %p by its status', (error, status, code, title, detail) => {
    expect(toProblem(error, INSTANCE)).toEqual({
      type: `https://samenspel.nl/problems/${code}`,
      title,
      status,
      detail,
      instance: INSTANCE,
    });
  });

  it('answers a malformed JSON body without quoting the parser message, which quotes the body', () => {
    const parseError = new SyntaxError('Unexpected token \'b\', "{bsn: 123456782}" is not valid JSON');
    const error = new BadRequestException(parseError.message, { cause: parseError });

    expect(toProblem(error, INSTANCE)).toEqual({
      type: 'https://samenspel.nl/problems/malformed-json',
      title: 'Bad Request',
      status: 400,
      detail: 'The request body is not valid JSON',
      instance: INSTANCE,
    });
  });

  it('answers an unknown error with a generic 500 that leaks nothing of its message', () => {
    const problem = toProblem(new TypeError("Cannot read properties of undefined (reading 'bsn')"), INSTANCE);

    expect(problem).toEqual({
      type: 'https://samenspel.nl/problems/internal-server-error',
      title: 'Internal Server Error',
      status: 500,
      detail: UNEXPECTED_ERROR_DETAIL,
      instance: INSTANCE,
    });
  });

  it('does not pass on the message of a 500 HttpException either', () => {
    const problem = toProblem(new InternalServerErrorException('pool exhausted at 10.0.0.5'), INSTANCE);

    expect(problem.detail).toBe(UNEXPECTED_ERROR_DETAIL);
  });

  it('answers a thrown non-error value with a generic 500', () => {
    expect(toProblem('just a string', INSTANCE)).toMatchObject({
      status: 500,
      detail: UNEXPECTED_ERROR_DETAIL,
    });
  });
});
