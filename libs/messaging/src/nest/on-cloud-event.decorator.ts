import { EventPattern } from '@nestjs/microservices';

const FAILURE = Symbol('handler failure');

/**
 * Marks a controller method as the handler of one CloudEvents type. Declare its parameters as
 * `(@Payload() event: CloudEvent<Data>, @Ctx() context: EventContext)`: NestJS passes them only
 * through those parameter decorators. The effect must use `context.em`.
 * (NestJS types an event handler's second parameter as `unknown`; ours is an EventContext.)
 */
export function OnCloudEvent(type: string): MethodDecorator {
  return (target, key, descriptor) => {
    const original = descriptor.value as unknown as (...args: unknown[]) => unknown;
    // NestJS's exception layer replaces an unknown error with "Internal server error"; keep the
    // original on the context, so that retries can tell a database outage from a bug, and the
    // dead letter says what went wrong.
    const wrapped = async function (this: unknown, ...args: unknown[]) {
      try {
        return await original.apply(this, args);
      } catch (error) {
        if (args[1] && typeof args[1] === 'object') (args[1] as Record<symbol, unknown>)[FAILURE] = error;
        throw error;
      }
    };
    Object.defineProperty(wrapped, 'name', { value: original.name });
    (descriptor as PropertyDescriptor).value = wrapped;
    EventPattern(type)(target, key, descriptor as never);
  };
}

/** The error a handler threw, as it threw it, if NestJS wrapped it on the way out. */
export function originalFailure(context: object, error: unknown): unknown {
  return (context as Record<symbol, unknown>)[FAILURE] ?? error;
}
