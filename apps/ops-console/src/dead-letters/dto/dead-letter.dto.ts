import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IntegerQuery, OneOfQuery } from '@samenspel/http';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
} from 'class-validator';

export class DeadLetterQuery {
  @ApiPropertyOptional({ description: 'Original topic or its .dlq topic' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,249}$/)
  topic?: string;

  @OneOfQuery(['open', 'replayed', 'resolved'])
  status?: string;

  @IntegerQuery({ min: 1, max: 500, default: 50 })
  limit: number = 50;

  @IntegerQuery({ min: 0, default: 0 })
  offset: number = 0;
}

export class DeadLetterDto {
  @ApiProperty() id!: string;
  @ApiProperty() topic!: string;
  @ApiProperty() partition!: number;
  @ApiProperty() offset!: string;
  @ApiProperty() originalTopic!: string;
  @ApiProperty({ nullable: true, type: Number }) originalPartition!: number | null;
  @ApiProperty({ nullable: true, type: String }) originalOffset!: string | null;
  @ApiProperty() reasonCategory!: string;
  @ApiProperty({ description: 'The dlq-reason, quoted fragments blanked' }) reason!: string;
  @ApiProperty({ nullable: true, type: String }) consumer!: string | null;
  @ApiProperty({ nullable: true, type: String }) deadLetteredAt!: string | null;
  @ApiProperty() receivedAt!: string;
  @ApiProperty({ nullable: true, type: String }) eventId!: string | null;
  @ApiProperty({ nullable: true, type: String }) type!: string | null;
  @ApiProperty({ nullable: true, type: String }) youthRef!: string | null;
  @ApiProperty({ enum: ['open', 'replayed', 'resolved'] }) status!: string;
  @ApiProperty() replayCount!: number;
  @ApiProperty({ nullable: true, type: String }) resolvedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) resolvedAt!: string | null;
  @ApiProperty() hasNote!: boolean;
  @ApiProperty({ description: 'Fields outside the contract were redacted in the copy (dlq-redacted)' })
  redacted!: boolean;
  @ApiProperty({ description: 'The copy is still there and not redacted' }) replayable!: boolean;
}

export class DeadLetterPageDto {
  @ApiProperty({ type: [DeadLetterDto] }) items!: DeadLetterDto[];
  @ApiProperty() total!: number;
}

export class DeadLetterActionDto {
  @ApiProperty({ enum: ['replay', 'resolve'] }) action!: string;
  @ApiProperty() actor!: string;
  @ApiProperty() actorRole!: string;
  @ApiProperty({ nullable: true, type: String }) targetTopic!: string | null;
  @ApiProperty() at!: string;
}

export class ReplayedDto {
  @ApiProperty() id!: string;
  @ApiProperty() topic!: string;
}

export class ReplayResultDto {
  @ApiProperty({ type: [ReplayedDto] }) replayed!: ReplayedDto[];
}

export class ReplayDeadLettersDto {
  @ApiProperty({ type: [String], description: 'Dead-letter ids (1-100)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  ids!: string[];
}

export class ResolveDeadLetterDto {
  @ApiProperty({ description: 'Why it needs no replay; kept for the audit, never shown in lists' })
  @IsString()
  @Length(1, 500)
  note!: string;
}
