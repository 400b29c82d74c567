/** Which HSDS object each found activity is answered as. */
export type ServiceShape = 'summary' | 'full' | 'service-at-location';

export class ListServicesCommand {
  /** A taxonomy term of the theme vocabulary, by id or code. */
  readonly taxonomyTerm?: string;
  readonly age?: number;
  readonly municipalityCode?: string;
  readonly withFreeSeats?: boolean;
  /** A team id. */
  readonly organizationId?: string;
  /** Counted from 1. */
  readonly page!: number;
  readonly perPage!: number;
  readonly shape!: ServiceShape;

  constructor(fields: ListServicesCommand) {
    Object.assign(this, fields);
  }
}
