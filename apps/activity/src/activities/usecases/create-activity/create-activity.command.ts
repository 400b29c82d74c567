import type { Principal } from '@samenspel/http';
import type { ActivityFields } from '../../activity.entity';

export class CreateActivityCommand {
  constructor(
    readonly principal: Principal,
    readonly fields: ActivityFields,
  ) {}
}
