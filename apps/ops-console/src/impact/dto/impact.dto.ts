import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import type { ImpactRow } from '../../domain/impact';
import { IMPACT_PERIOD } from '../../domain/impact-period';

const MUNICIPALITY_CODE = /^(GM[0-9]{4}|unknown)$/;

export class ImpactQuery {
  @ApiPropertyOptional({ example: 'GM0344', description: "A CBS municipality code, or 'unknown'" })
  @IsOptional()
  @Matches(MUNICIPALITY_CODE)
  municipalityCode?: string;

  @ApiPropertyOptional({
    example: 'GM0344',
    deprecated: true,
    description: 'Deprecated alias of municipalityCode, which wins when both are given',
  })
  @IsOptional()
  @Matches(MUNICIPALITY_CODE)
  municipality?: string;

  @ApiPropertyOptional({
    example: '2026-Q4',
    description:
      'A month (2026-11), quarter (2026-Q4) or year (2026) in Dutch time; every month with figures when absent',
  })
  @IsOptional()
  @Matches(IMPACT_PERIOD)
  period?: string;

  @ApiPropertyOptional({
    example: '2026-11',
    deprecated: true,
    description: 'Deprecated: a month; period wins when both are given',
  })
  @IsOptional()
  @Matches(/^[0-9]{4}-(0[1-9]|1[0-2])$/)
  month?: string;

  /** The municipality asked for, by its name or by its deprecated alias. */
  municipalityCodeAsked(): string | undefined {
    return this.municipalityCode ?? this.municipality;
  }

  /** The period asked for, or the month of the deprecated parameter. */
  periodAsked(): string | undefined {
    return this.period ?? this.month;
  }
}

export class ImpactDto {
  @ApiProperty({
    description: 'The figures count every event the console had recorded up to this time (ISO 8601)',
    example: '2026-12-01T08:00:00.000Z',
  })
  asOf!: string;
  @ApiProperty({
    description: 'Counts under this are suppressed (null), and so is every cell that would reveal one',
  })
  minimumCell!: number;
  @ApiProperty({
    description: 'One row per municipality and period, split in voor, tijdens and na; see docs/impact.md',
  })
  items!: ImpactRow[];
}
