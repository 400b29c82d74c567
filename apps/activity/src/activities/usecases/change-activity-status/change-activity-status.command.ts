import type { Principal } from '@samenspel/http';

export class ChangeActivityStatusCommand {
  readonly principal!: Principal;
  readonly activityId!: string;
  readonly change!: 'publish' | 'pause';

  constructor(fields: ChangeActivityStatusCommand) {
    Object.assign(this, fields);
  }
}
