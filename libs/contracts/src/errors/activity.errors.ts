import { NotFound, OutOfScope, StateConflict } from './domain-error';

export class ActivityNotFound extends NotFound {
  constructor() {
    super('activity-not-found', 'No such activity');
  }
}

export class TeamNotFound extends NotFound {
  constructor() {
    super('team-not-found', 'No such team');
  }
}

/** An object of the published catalogue (HSDS) that does not exist, or is a draft. */
export class CatalogueObjectNotFound extends NotFound {
  constructor(objectType: 'service' | 'organization' | 'taxonomy' | 'taxonomy term') {
    super(`${objectType.replace(' ', '-')}-not-found`, `No such ${objectType} in the published catalogue`);
  }
}

export class PlacementNotFound extends NotFound {
  constructor() {
    super('placement-not-found', 'No such placement');
  }
}

/** A team lead or youth worker acts for their own team only; the answer does not name the team. */
export class ActsForAnotherTeam extends OutOfScope {
  constructor(role: string, subjectRef?: string) {
    super('forbidden', `A ${role} acts for their own team only`, { subjectRef });
  }
}

/** Every seat of the activity is held or confirmed. */
export class NoCapacity extends StateConflict {
  constructor(activityId: string, capacity: number) {
    super('no-capacity', `Activity ${activityId} has no free seat (capacity ${capacity})`, {
      extensions: { activityId, capacity, available: 0 },
    });
  }
}

/** A draft, paused or closed activity takes no new holds. */
export class ActivityNotOpen extends StateConflict {
  constructor(activityId: string, status: string) {
    super('activity-not-open', `Activity ${activityId} is ${status} and takes no placements`, {
      extensions: { activityId, currentStatus: status },
    });
  }
}

export class ActivityClosed extends StateConflict {
  constructor(activityId: string) {
    super('activity-closed', `Activity ${activityId} is closed and can no longer change`);
  }
}

/** A capacity may not drop below the seats already held or confirmed. */
export class CapacityBelowOccupied extends StateConflict {
  constructor(capacity: number, held: number, confirmed: number) {
    super(
      'capacity-below-occupied',
      `Capacity ${capacity} is below the ${held + confirmed} seat(s) held or confirmed`,
      { extensions: { held, confirmed } },
    );
  }
}

/** The youngster already holds or has a seat on this activity, under another reference. */
export class AlreadyPlaced extends StateConflict {
  constructor(activityId: string, placementId: string, reference: string) {
    super('already-placed', `This youngster already has a seat on activity ${activityId}`, {
      extensions: { placementId, reference },
    });
  }
}

/** A hold's reference was used before for another youngster or activity: a client bug. */
export class ReferenceConflict extends StateConflict {
  constructor(placementId: string) {
    super('reference-conflict', 'This reference already belongs to another placement', {
      extensions: { placementId },
    });
  }
}

/** The hold lapsed before the sweeper released it; it can no longer be confirmed. */
export class HoldExpired extends StateConflict {
  constructor(placementId: string, expiresAt: Date) {
    super('hold-expired', `The hold of placement ${placementId} has expired`, {
      extensions: { expiresAt: expiresAt.toISOString() },
    });
  }
}

/** Attendance is kept for confirmed (or completed) placements only. */
export class PlacementNotConfirmed extends StateConflict {
  constructor(status: string) {
    super(
      'placement-not-confirmed',
      `Attendance is recorded for confirmed placements; this one is ${status}`,
      { extensions: { currentStatus: status } },
    );
  }
}
