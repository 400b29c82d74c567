import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import type { ImpactRow } from '../../domain/impact';

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

  @ApiPropertyOptional({ example: '2026-11' })
  @IsOptional()
  @Matches(/^[0-9]{4}-[0-9]{2}$/)
  month?: string;

  /** The municipality asked for, by its name or by its deprecated alias. */
  municipalityCodeAsked(): string | undefined {
    return this.municipalityCode ?? this.municipality;
  }
}

export class ImpactDto {
  @ApiProperty({ description: 'Counts under this are suppressed (null)' }) minimumCell!: number;
  @ApiProperty({ description: 'One row per municipality and month; see docs/ops-console.md for the fields' })
  items!: ImpactRow[];
}
