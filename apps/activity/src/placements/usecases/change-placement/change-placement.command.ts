import type { Principal } from '@samenspel/http';
import type { PlacementCommand } from '../../../domain/placement-status';

export class ChangePlacementCommand {
  constructor(
    readonly principal: Principal,
    readonly placementId: string,
    readonly command: PlacementCommand,
    /** A reason code (release, cancel), from a documented vocabulary; never free text about a youngster. */
    readonly reason?: string,
  ) {}
}
