import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { YOUTH_VOICE_HELPED } from '@samenspel/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

/** The youngster's own view in a request body: a score and words from a vocabulary, never free text. */
export class YouthVoiceBody {
  @ApiProperty({
    minimum: 1,
    maximum: 5,
    description: 'How much the help helped, 1 (not at all) to 5 (very much)',
  })
  @IsInt()
  @Min(1)
  @Max(5)
  score!: number;

  @ApiProperty({
    enum: YOUTH_VOICE_HELPED,
    isArray: true,
    description: "What helped, in the youngster's view",
  })
  @IsArray()
  @ArrayMaxSize(YOUTH_VOICE_HELPED.length)
  @IsIn(YOUTH_VOICE_HELPED, { each: true })
  helped!: string[];
}

/** An optional `youthVoice` of a request body, documented with where it may be given and where it goes. */
export function OptionalYouthVoice(description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: YouthVoiceBody, description }),
    IsOptional(),
    IsObject(),
    ValidateNested(),
    Type(() => YouthVoiceBody),
  );
}
