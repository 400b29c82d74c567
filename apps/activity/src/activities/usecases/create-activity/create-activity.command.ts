import type { Principal } from '@samenspel/http';
import type { ActivityFields } from '../../activity.entity';

export class CreateActivityCommand {
  readonly principal!: Principal;
  readonly fields!: ActivityFields;

  constructor(fields: CreateActivityCommand) {
    Object.assign(this, fields);
  }
}
