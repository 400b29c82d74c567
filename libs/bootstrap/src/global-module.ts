import { Module, type DynamicModule, type InjectionToken, type Provider } from '@nestjs/common';

/**
 * A module whose providers every feature module of a service may inject without importing it: the
 * validated config, the repositories the features share. Nest tells modules apart by their class,
 * so each call makes a class of its own, named `name`.
 */
export function globalModule(name: string, providers: Provider[]): DynamicModule {
  const module = { [name]: class {} }[name];
  Module({})(module);
  return { module, global: true, providers, exports: providers.map(tokenOf) };
}

function tokenOf(provider: Provider): InjectionToken {
  return typeof provider === 'function' ? provider : provider.provide;
}
