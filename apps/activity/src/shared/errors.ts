import { ConflictError, HttpError, NotFoundError } from '@samenspel/http';

/** Every seat of the activity is held or confirmed. */
export class NoCapacityError extends ConflictError {
  constructor(activityId: string, capacity: number) {
    super('no-capacity', `Activity ${activityId} has no free seat (capacity ${capacity})`, {
      extensions: { activityId, capacity, available: 0 },
    });
  }
}

export class ActivityNotOpenError extends ConflictError {
  constructor(activityId: string, status: string) {
    super('activity-not-open', `Activity ${activityId} is ${status} and takes no placements`, {
      extensions: { activityId, currentStatus: status },
    });
  }
}

export class ActivityNotFoundError extends NotFoundError {
  constructor(activityId: string) {
    super(`No activity ${activityId}`, 'activity-not-found');
  }
}

export class TeamNotFoundError extends NotFoundError {
  constructor(teamId: string) {
    super(`No team ${teamId}`, 'team-not-found');
  }
}

export class PlacementNotFoundError extends NotFoundError {
  constructor(placementId: string) {
    super(`No placement ${placementId}`, 'placement-not-found');
  }
}

/**
 * A field breaks a rule that needs more than one field or the stored state (min > max, an unknown
 * theme): answered like the validation pipe's errors, with the field named.
 */
export class InvalidFieldError extends HttpError {
  constructor(field: string, message: string) {
    super(400, 'validation-failed', `The request has 1 invalid field(s): ${field}`, {
      title: 'Validation failed',
      extensions: { errors: [{ field, messages: [message] }] },
    });
  }
}
