import type { MatchQuery } from '../../../domain/ranking';

export class FindCandidatesQuery implements MatchQuery {
  constructor(
    readonly ageYears: number,
    readonly postcode4: string,
    readonly municipalityCode: string,
    readonly interests: string[],
    readonly excludeActivityIds: string[] = [],
    readonly limit?: number,
    /** Only this team's activities (a team role holding a seat: its own team's only). */
    readonly teamId?: string,
  ) {}
}
