import type { Infrastructure } from './infrastructure';
import type { TestIdentityProvider } from './test-identity-provider';

export default async function globalTeardown(): Promise<void> {
  const state = globalThis as {
    __SAMENSPEL_INFRA__?: Infrastructure;
    __SAMENSPEL_IDP__?: TestIdentityProvider;
  };
  await state.__SAMENSPEL_IDP__?.stop();
  await state.__SAMENSPEL_INFRA__?.stop();
}
