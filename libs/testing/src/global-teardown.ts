import type { Infrastructure } from './infrastructure';

export default async function globalTeardown(): Promise<void> {
  const infra = (globalThis as { __SAMENSPEL_INFRA__?: Infrastructure }).__SAMENSPEL_INFRA__;
  await infra?.stop();
}
