import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import type { ImpactRow } from '../../domain/impact';

export class ImpactQuery {
  @ApiPropertyOptional({ example: 'GM0344' })
  @IsOptional()
  @Matches(/^(GM[0-9]{4}|unknown)$/)
  municipality?: string;

  @ApiPropertyOptional({ example: '2026-11' })
  @IsOptional()
  @Matches(/^[0-9]{4}-[0-9]{2}$/)
  month?: string;
}

export class ImpactDto {
  @ApiProperty({ description: 'Counts under this are suppressed (null)' }) minimumCell!: number;
  @ApiProperty({ description: 'One row per municipality and month; see docs/ops-console.md for the fields' })
  items!: ImpactRow[];
}
