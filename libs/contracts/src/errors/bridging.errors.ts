import { OutOfScope, StateConflict } from './domain-error';

/** An intake system sees its own organisation's entries only, so its token must name that organisation. */
export class OrgClaimMissing extends OutOfScope {
  constructor() {
    super('org-required', 'An intake-system token needs an org claim');
  }
}

/** The activity service refused to confirm or release the seat of an offer. */
export class PlacementRefusedByActivity extends StateConflict {
  constructor(activityProblem: string, activityStatus: number) {
    super('placement-refused', `The activity service refused: ${activityProblem || activityStatus}`, {
      extensions: { activityProblem },
    });
  }
}
