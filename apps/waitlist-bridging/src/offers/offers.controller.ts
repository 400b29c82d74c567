import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Audited, fromParam, setAuditSubject } from '@samenspel/audit';
import { CurrentPrincipal, Roles, type Principal } from '@samenspel/http';
import { UnitsOfWork } from '@samenspel/messaging';
import { DataSource } from 'typeorm';
import { WaitlistEntriesRepository } from '../waitlist-entries/waitlist-entries.repository';
import type { BridgingOffer } from './bridging-offer.entity';
import { DeclineOfferDto, OfferView } from './dto/offer.dto';
import { assertOwningTeam, OfferNotFoundError } from './offer-decision';
import { OffersRepository } from './offers.repository';
import { AcceptOfferCommand } from './usecases/accept-offer/accept-offer.command';
import { AcceptOffer } from './usecases/accept-offer/accept-offer.usecase';
import { DeclineOfferCommand } from './usecases/decline-offer/decline-offer.command';
import { DeclineOffer } from './usecases/decline-offer/decline-offer.usecase';

/** The owning team records the youngster's answer to a bridging offer. */
@ApiTags('offers')
@ApiBearerAuth()
@Controller('offers')
export class OffersController {
  constructor(
    private readonly units: UnitsOfWork,
    private readonly acceptOffer: AcceptOffer,
    private readonly declineOffer: DeclineOffer,
    private readonly entries: WaitlistEntriesRepository,
    private readonly offers: OffersRepository,
    private readonly dataSource: DataSource,
  ) {}

  /** The owning team reads its offer: status and until when the seat is held. */
  @Get(':offerId')
  @Roles('youth-worker', 'team-lead')
  @Audited({ action: 'read', resource: 'bridging-offer', id: fromParam('offerId') })
  @ApiOkResponse({ type: OfferView })
  async get(
    @Param('offerId', new ParseUUIDPipe()) offerId: string,
    @CurrentPrincipal() principal: Principal,
    @Req() req: object,
  ): Promise<OfferView> {
    const offer = await this.offers.find(this.dataSource.manager, offerId);
    if (!offer) throw new OfferNotFoundError(offerId);
    await this.nameYoungsterInAudit(req, offer);
    assertOwningTeam(principal, offer);
    return OfferView.of(offer);
  }

  @Post(':offerId/accept')
  @HttpCode(200)
  @Roles('youth-worker', 'team-lead')
  @Audited({ action: 'update', resource: 'bridging-offer', id: fromParam('offerId') })
  @ApiOkResponse({ type: OfferView })
  async accept(
    @Param('offerId', new ParseUUIDPipe()) offerId: string,
    @CurrentPrincipal() principal: Principal,
    @Req() req: object,
  ): Promise<OfferView> {
    const command = new AcceptOfferCommand({ principal, offerId });
    const offer = await this.units.run((uow) => this.acceptOffer.execute(command, uow));
    await this.nameYoungsterInAudit(req, offer);
    return OfferView.of(offer);
  }

  @Post(':offerId/decline')
  @HttpCode(200)
  @Roles('youth-worker', 'team-lead')
  @Audited({ action: 'update', resource: 'bridging-offer', id: fromParam('offerId') })
  @ApiOkResponse({ type: OfferView })
  async decline(
    @Param('offerId', new ParseUUIDPipe()) offerId: string,
    @Body() body: DeclineOfferDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: object,
  ): Promise<OfferView> {
    const command = new DeclineOfferCommand({ teamId: principal.teamId, offerId, reason: body.reason });
    const offer = await this.units.run((uow) => this.declineOffer.execute(command, uow));
    await this.nameYoungsterInAudit(req, offer);
    return OfferView.of(offer);
  }

  /** The offer view does not carry the youthRef; the audit record of the decision does. */
  private async nameYoungsterInAudit(req: object, offer: BridgingOffer): Promise<void> {
    const entry = await this.entries.find(this.dataSource.manager, offer.waitlistEntryId);
    if (entry) setAuditSubject(req, entry.youthRef);
  }
}
