import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsMunicipalityCode } from '@samenspel/contracts';
import { OneOfQuery, PageOf, PageQuery } from '@samenspel/http';
import { IsOptional } from 'class-validator';
import { ENTRY_STATUSES, type EntryStatus } from '../../domain/bridging-lifecycle';
import type { BridgingOffer } from '../../offers/bridging-offer.entity';
import { OfferView } from '../../offers/dto/offer.dto';
import type { WaitlistEntry } from '../waitlist-entry.entity';
import type { MunicipalityMeasures } from '../bridging.metrics';

export class WaitlistEntryView {
  @ApiProperty({ example: 'UTR-WL-2026-000123' }) waitlistEntryId!: string;
  @ApiProperty({ example: 'yr_8f3a2c9d1e' }) youthRef!: string;
  @ApiProperty({ enum: ENTRY_STATUSES }) status!: string;
  @ApiProperty({ example: 'GM0344' }) municipalityCode!: string;
  @ApiProperty({ format: 'date-time' }) enteredAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) firstOfferedAt?: string;
  @ApiPropertyOptional() exitReason?: string;
  @ApiProperty({ type: [OfferView] }) offers!: OfferView[];

  static of(e: WaitlistEntry, offers: BridgingOffer[]): WaitlistEntryView {
    return {
      waitlistEntryId: e.waitlistEntryId,
      youthRef: e.youthRef,
      status: e.status,
      municipalityCode: e.municipalityCode,
      enteredAt: e.enteredAt.toISOString(),
      ...(e.firstOfferedAt && { firstOfferedAt: e.firstOfferedAt.toISOString() }),
      ...(e.exitReason && { exitReason: e.exitReason }),
      offers: offers.map(OfferView.of),
    };
  }
}

export class WaitlistEntryPage extends PageOf(WaitlistEntryView) {}

export class ListEntriesQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'GM0344' }) @IsOptional() @IsMunicipalityCode() municipalityCode?: string;
  @OneOfQuery(ENTRY_STATUSES) status?: EntryStatus;
}

export class MeasuresQuery {
  @ApiPropertyOptional({ example: 'GM0344' }) @IsOptional() @IsMunicipalityCode() municipalityCode?: string;
}

export class FirstOfferMeasure {
  @ApiProperty() count!: number;
  @ApiPropertyOptional({ nullable: true }) meanSeconds!: number | null;
  @ApiPropertyOptional({ nullable: true }) p50Seconds!: number | null;
  @ApiPropertyOptional({ nullable: true }) p90Seconds!: number | null;
}

export class MunicipalityMeasuresView implements MunicipalityMeasures {
  @ApiProperty() municipalityCode!: string;
  @ApiProperty({ description: 'All entries ever received' }) entries!: number;
  @ApiProperty({ description: 'Entries not ended' }) waiting!: number;
  @ApiProperty({ description: 'Waiting entries with an accepted placement' }) bridged!: number;
  @ApiProperty({ description: 'bridged / waiting' }) shareBridged!: number;
  @ApiProperty({ description: 'Weeks of waiting time bridged, summed' }) weeksBridged!: number;
  @ApiProperty({ type: FirstOfferMeasure, description: 'Seconds from enteredAt to the first offer' })
  firstOffer!: FirstOfferMeasure;
}

export class MeasuresView {
  @ApiProperty({ type: [MunicipalityMeasuresView] }) items!: MunicipalityMeasuresView[];
}

export class QueuedInMunicipality {
  @ApiProperty() municipalityCode!: string;
  @ApiProperty({ description: 'Youngsters waiting for a free seat (status queued)' }) queued!: number;
}

/** How many youngsters wait for a seat where the team works: counts only, no refs. */
export class TeamQueueView {
  @ApiProperty() teamId!: string;
  @ApiProperty({ type: [QueuedInMunicipality] }) municipalities!: QueuedInMunicipality[];
  @ApiProperty({ description: 'The sum over the municipalities' }) queued!: number;
}
