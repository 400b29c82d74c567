import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@samenspel/http';
import { UnitsOfWork } from '@samenspel/messaging';
import { CandidateList, CandidateQueryDto } from './dto/candidate.dto';
import { FindCandidatesCommand } from './usecases/find-candidates/find-candidates.command';
import { FindCandidates } from './usecases/find-candidates/find-candidates.usecase';

/**
 * Matching support for the bridging service, over HTTP: a query is a read whose answer the caller
 * needs now (to make an offer), and the seat it then takes is a separate, idempotent hold.
 */
@ApiTags('matching')
@Controller('matching')
export class MatchingController {
  constructor(
    private readonly findCandidates: FindCandidates,
    private readonly units: UnitsOfWork,
  ) {}

  @Post('candidates')
  @HttpCode(200)
  @Roles('service', 'admin', 'ops', 'team-lead', 'youth-worker')
  @ApiOkResponse({ type: CandidateList, description: 'Ranked best first; each candidate explains its score' })
  @ApiOperation({ summary: 'Rank the activities that fit a youngster' })
  async candidates(@Body() body: CandidateQueryDto): Promise<CandidateList> {
    const command = new FindCandidatesCommand({
      ageYears: body.ageYears,
      postcode4: body.postcode4,
      municipalityCode: body.municipalityCode,
      interests: body.interests,
      excludeActivityIds: body.excludeActivityIds,
      limit: body.limit,
    });
    return { items: await this.units.run((uow) => this.findCandidates.execute(command, uow)) };
  }
}
