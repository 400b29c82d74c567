import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class ResolveDeadLetterCommand {
  @ApiProperty({ description: 'Why it needs no replay; kept for the audit, never shown in lists' })
  @IsString()
  @Length(1, 500)
  note!: string;
}
