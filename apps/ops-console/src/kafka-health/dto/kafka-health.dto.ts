import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class LagQuery {
  @ApiPropertyOptional({ description: 'One consumer group; default every group with the configured prefix' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,200}$/)
  group?: string;
}

export class PartitionLagDto {
  @ApiProperty() group!: string;
  @ApiProperty() topic!: string;
  @ApiProperty() partition!: number;
  @ApiProperty({ description: '-1 when the group never committed on this partition' })
  committedOffset!: string;
  @ApiProperty() endOffset!: string;
  @ApiProperty() lag!: number;
}

export class LagDto {
  @ApiProperty({ type: [PartitionLagDto] }) items!: PartitionLagDto[];
  @ApiProperty() total!: number;
}

export class TopicThroughputDto {
  @ApiProperty() topic!: string;
  @ApiProperty() endOffset!: number;
  @ApiProperty() eventsPerSecond!: number;
  @ApiProperty() windowSeconds!: number;
}

export class ThroughputDto {
  @ApiProperty({ type: [TopicThroughputDto] }) items!: TopicThroughputDto[];
}
