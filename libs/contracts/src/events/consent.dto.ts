import { IsBoolean, IsIn, IsISO8601 } from 'class-validator';

export const CONSENT_GIVERS = ['youth', 'guardian', 'youth-and-guardian'] as const;
export type ConsentGiver = (typeof CONSENT_GIVERS)[number];

export class ConsentDto {
  @IsBoolean()
  youthWork!: boolean;

  @IsIn(CONSENT_GIVERS)
  givenBy!: ConsentGiver;

  @IsISO8601({ strict: true })
  givenAt!: string;
}
