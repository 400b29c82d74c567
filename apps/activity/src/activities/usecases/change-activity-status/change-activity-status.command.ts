import type { Principal } from '@samenspel/http';

export class ChangeActivityStatusCommand {
  constructor(
    readonly principal: Principal,
    readonly activityId: string,
    readonly command: 'publish' | 'pause',
  ) {}
}
