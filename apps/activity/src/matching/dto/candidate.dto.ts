import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsAgeYears, IsMunicipalityCode, IsPostcode4, IsRecordId, IsWordList } from '@samenspel/contracts';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, Max, Min } from 'class-validator';

/** The contract's CandidateQuery (libs/contracts activity.events.ts), documented for OpenAPI. */
export class CandidateQueryDto {
  @ApiProperty({ example: 14 }) @IsAgeYears() ageYears!: number;
  @ApiProperty({ example: '3562' }) @IsPostcode4() postcode4!: string;
  @ApiProperty({ example: 'GM0344' }) @IsMunicipalityCode() municipalityCode!: string;
  @ApiProperty({ example: ['sport', 'music'] }) @IsWordList() interests!: string[];
  @ApiPropertyOptional({ type: [String], description: 'Activities already offered to this youngster' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsRecordId({ each: true })
  excludeActivityIds?: string[];
  @ApiPropertyOptional({ default: 10, minimum: 1, maximum: 50 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}

export class CandidateScoreView {
  @ApiProperty({ description: '1 in the middle of the age band, 0.5 at its edges' }) ageFit!: number;
  @ApiProperty({ description: 'Number of interests that are themes of the activity' })
  interestOverlap!: number;
  @ApiProperty({ description: '1 for the same postcode4, else 1 / (1 + |Δpostcode4| / 10)' })
  proximity!: number;
  @ApiProperty({ description: 'overlap + proximity / 2 + ageFit / 100 (a summary; see docs/activity.md)' })
  total!: number;
}

export class CandidateView {
  @ApiProperty() activityId!: string;
  @ApiProperty() teamId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() available!: number;
  @ApiProperty() rank!: number;
  @ApiProperty({ type: CandidateScoreView }) score!: CandidateScoreView;
  @ApiProperty({ type: [String] }) explanation!: string[];
}

export class CandidateList {
  @ApiProperty({ type: [CandidateView] }) items!: CandidateView[];
}
