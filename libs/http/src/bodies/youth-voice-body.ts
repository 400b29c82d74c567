import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { YOUTH_VOICE_HELPED, YouthVoice } from '@samenspel/contracts';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, ValidateNested } from 'class-validator';

/**
 * The youngster's own view in a request body: a score and words from a vocabulary, never free
 * text. Its rules are the event's (YouthVoice); this adds the API documentation.
 */
export class YouthVoiceBody extends YouthVoice {
  @ApiProperty({
    minimum: 1,
    maximum: 5,
    description: 'How much the help helped, 1 (not at all) to 5 (very much)',
  })
  declare score: number;

  @ApiProperty({
    enum: YOUTH_VOICE_HELPED,
    isArray: true,
    description: "What helped, in the youngster's view",
  })
  declare helped: string[];
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
