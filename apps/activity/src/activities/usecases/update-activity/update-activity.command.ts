import type { Principal } from '@samenspel/http';
import type { ActivityFields } from '../../activity.entity';

export class UpdateActivityCommand {
  readonly principal!: Principal;
  readonly activityId!: string;
  readonly changes!: Partial<Omit<ActivityFields, 'teamId'>>;

  constructor(fields: UpdateActivityCommand) {
    Object.assign(this, fields);
  }
}
