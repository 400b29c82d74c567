import { ApiProperty } from '@nestjs/swagger';
import { IntegerQuery } from '@samenspel/http';

export class FlowStepDto {
  @ApiProperty({ description: 'What happened, in words (from the event type)' }) step!: string;
  @ApiProperty({ nullable: true, type: String }) type!: string | null;
  @ApiProperty({ nullable: true, type: String }) eventId!: string | null;
  @ApiProperty({ nullable: true, type: String }) source!: string | null;
  @ApiProperty({ nullable: true, type: String }) correlationId!: string | null;
  @ApiProperty() time!: string;
  @ApiProperty() topic!: string;
  @ApiProperty() partition!: number;
  @ApiProperty() offset!: string;
  @ApiProperty() valid!: boolean;
  @ApiProperty() deadLetter!: boolean;
  @ApiProperty({ description: 'Record ids from the event data (offerId, taskId, …): refs only' })
  refs!: Record<string, string>;
}

export class FlowDto {
  @ApiProperty() youthRef!: string;
  @ApiProperty({ type: [FlowStepDto] }) steps!: FlowStepDto[];
}

export class FlowCountDto {
  @ApiProperty() type!: string;
  @ApiProperty() step!: string;
  @ApiProperty() lastHour!: number;
  @ApiProperty() lastDay!: number;
}

export class FlowCountsDto {
  @ApiProperty({ type: [FlowCountDto] }) items!: FlowCountDto[];
  @ApiProperty() invalidLastDay!: number;
  @ApiProperty() deadLettersLastDay!: number;
}

export class FlowCountsQuery {
  @IntegerQuery({ min: 1, max: 200, default: 50 })
  limit: number = 50;
}
