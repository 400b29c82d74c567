import type { Principal } from '@samenspel/http';
import type { PlacementCommand } from '../../../domain/placement-status';

export class ChangePlacementCommand {
  readonly principal!: Principal;
  readonly placementId!: string;
  readonly change!: PlacementCommand;
  /** A reason code (release, cancel), from a documented vocabulary; never free text about a youngster. */
  readonly reason?: string;

  constructor(fields: ChangePlacementCommand) {
    Object.assign(this, fields);
  }
}
