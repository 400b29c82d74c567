import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsMunicipalityCode, IsShortCode } from '@samenspel/contracts';
import { PageOf, PageQuery } from '@samenspel/http';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsOptional } from 'class-validator';
import type { Team } from '../team.entity';

export class CreateTeamDto {
  @ApiProperty({ example: 'Jongerenwerk Overvecht' })
  @IsShortCode(200)
  name!: string;

  @ApiProperty({ example: 'Stichting JoU (synthetic)' })
  @IsShortCode(200)
  organisation!: string;

  @ApiProperty({ example: ['GM0344'], description: 'CBS municipality codes served' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(50)
  @IsMunicipalityCode({ each: true })
  municipalityCodes!: string[];
}

export class UpdateTeamDto {
  @ApiPropertyOptional() @IsOptional() @IsShortCode(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsShortCode(200) organisation?: string;
  @ApiPropertyOptional({ example: ['GM0344', 'GM0307'] })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(50)
  @IsMunicipalityCode({ each: true })
  municipalityCodes?: string[];
}

export class ListTeamsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsMunicipalityCode() municipalityCode?: string;
}

export class TeamView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() organisation!: string;
  @ApiProperty({ type: [String] }) municipalityCodes!: string[];
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;

  static of(t: Team): TeamView {
    return {
      id: t.id,
      name: t.name,
      organisation: t.organisation,
      municipalityCodes: t.municipalityCodes,
      createdAt: t.createdAt.toISOString(),
      updatedAt: t.updatedAt.toISOString(),
    };
  }
}

export class TeamPage extends PageOf(TeamView) {}
