import type { Principal } from '@samenspel/http';

export class CloseActivityCommand {
  constructor(
    readonly principal: Principal,
    readonly activityId: string,
    readonly reason?: string,
  ) {}
}
