import type { MatchQuery } from '../../../domain/ranking';

export class FindCandidatesCommand implements MatchQuery {
  readonly ageYears!: number;
  readonly postcode4!: string;
  readonly municipalityCode!: string;
  readonly interests!: readonly string[];
  /** Activities already offered to this youngster: never candidates. */
  readonly excludeActivityIds?: readonly string[];
  readonly limit?: number;
  /** Only this team's activities (a team role holding a seat: its own team's only). */
  readonly teamId?: string;

  constructor(fields: FindCandidatesCommand) {
    Object.assign(this, fields);
  }
}
