import { IsBoolean, IsIn } from 'class-validator';
import { IsConsentGivenAt } from '../consent/consent-time';

export const CONSENT_GIVERS = ['youth', 'guardian', 'youth-and-guardian'] as const;
export type ConsentGiver = (typeof CONSENT_GIVERS)[number];

export class ConsentDto {
  @IsBoolean()
  youthWork!: boolean;

  @IsIn(CONSENT_GIVERS)
  givenBy!: ConsentGiver;

  @IsConsentGivenAt()
  givenAt!: string;
}
