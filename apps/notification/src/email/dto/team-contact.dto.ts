import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, MaxLength } from 'class-validator';

export class TeamContactBody {
  @ApiPropertyOptional({ description: "The team's shared inbox: new tasks and reminders" })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  teamEmail?: string;

  @ApiPropertyOptional({ description: 'Escalations and disabled webhooks' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  teamLeadEmail?: string;
}
