import type { FactoryProvider, ModuleMetadata, Provider } from '@nestjs/common';

/** One dependency the service needs before it takes traffic (database, broker, ...). */
export interface ReadinessCheck {
  name: string;
  /** Resolves when the dependency answers; rejects (or outlasts the timeout) when it does not. */
  check(signal?: AbortSignal): Promise<void>;
}

/** Injection token of the service's `ReadinessCheck[]`. */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/**
 * Checks built from other modules' providers, e.g.
 * `{ inject: [DataSource], useFactory: (ds: DataSource) => [{ name: 'database', check: ... }] }`.
 * `imports` makes the modules of non-global providers available to the factory.
 */
export interface ReadinessChecksFactory {
  imports?: ModuleMetadata['imports'];
  inject?: FactoryProvider['inject'];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as Nest's own FactoryProvider, so params infer
  useFactory: (...args: any[]) => ReadinessCheck[] | Promise<ReadinessCheck[]>;
}

export type ReadinessChecksOption = ReadinessCheck[] | ReadinessChecksFactory;

export function readinessChecksProvider(option: ReadinessChecksOption = []): Provider {
  return Array.isArray(option)
    ? { provide: READINESS_CHECKS, useValue: option }
    : { provide: READINESS_CHECKS, useFactory: option.useFactory, inject: option.inject ?? [] };
}
