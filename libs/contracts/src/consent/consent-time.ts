import { applyDecorators } from '@nestjs/common';
import { ValidateBy } from 'class-validator';
import { IsTimestamp } from '../events/common';

/**
 * How far a consent's `givenAt` may lie ahead of the receiving service's clock: the sender's clock
 * may run a little ahead, but a consent cannot be given in the future.
 */
export const CONSENT_CLOCK_TOLERANCE_SECONDS = 300;

/** Whether a consent given at this moment (ISO 8601) lies beyond now plus the clock tolerance. */
export function isConsentInTheFuture(givenAt: string, now: number = Date.now()): boolean {
  const at = Date.parse(givenAt);
  return Number.isFinite(at) && at > now + CONSENT_CLOCK_TOLERANCE_SECONDS * 1000;
}

/**
 * `givenAt` of a consent, over HTTP and in events alike: an ISO 8601 timestamp no later than now
 * plus CONSENT_CLOCK_TOLERANCE_SECONDS.
 */
export const IsConsentGivenAt = () =>
  applyDecorators(
    IsTimestamp(),
    ValidateBy({
      name: 'consentNotInTheFuture',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !isConsentInTheFuture(value),
        defaultMessage: () =>
          `$property must not be later than now (clock tolerance ${CONSENT_CLOCK_TOLERANCE_SECONDS} s)`,
      },
    }),
  );
