import type { YouthVoice } from '@samenspel/contracts';
import type { Principal } from '@samenspel/http';
import type { PlacementCommand } from '../../../domain/placement-status';

export class ChangePlacementCommand {
  readonly principal!: Principal;
  readonly placementId!: string;
  readonly change!: PlacementCommand;
  /** A reason code (release, cancel), from a documented vocabulary; never free text about a youngster. */
  readonly reason?: string;
  /** Complete only: the youngster's own view of the placement, which travels on its event only. */
  readonly youthVoice?: YouthVoice;

  constructor(fields: ChangePlacementCommand) {
    Object.assign(this, fields);
  }
}
