import type { Principal } from '@samenspel/http';
import type { ActivityFields } from '../../activity.entity';

export class UpdateActivityCommand {
  constructor(
    readonly principal: Principal,
    readonly activityId: string,
    readonly changes: Partial<Omit<ActivityFields, 'teamId'>>,
  ) {}
}
