import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Audited, fromParam, setAuditSubject } from '@samenspel/audit';
import { CurrentPrincipal, Roles, type Principal } from '@samenspel/http';
import { DataSource } from 'typeorm';
import type { BridgingOffer } from './bridging-offer.entity';
import { BridgingRepository } from '../shared/bridging.repository';
import { DeclineOfferDto, OfferView } from './dto/offer.dto';
import { AcceptOffer, AcceptOfferCommand } from './usecases/accept-offer/accept-offer.usecase';
import { DeclineOffer, DeclineOfferCommand } from './usecases/decline-offer/decline-offer.usecase';

/** The owning team records the youngster's answer to a bridging offer. */
@ApiTags('offers')
@ApiBearerAuth()
@Controller('offers')
export class OffersController {
  constructor(
    private readonly acceptOffer: AcceptOffer,
    private readonly declineOffer: DeclineOffer,
    private readonly dataSource: DataSource,
  ) {}

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
    const offer = await this.acceptOffer.execute(new AcceptOfferCommand(offerId, principal));
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
    const offer = await this.declineOffer.execute(new DeclineOfferCommand(offerId, body.reason, principal));
    await this.nameYoungsterInAudit(req, offer);
    return OfferView.of(offer);
  }

  /** The offer view does not carry the youthRef; the audit record of the decision does. */
  private async nameYoungsterInAudit(req: object, offer: BridgingOffer): Promise<void> {
    const entry = await BridgingRepository.in(this.dataSource.manager).entry(offer.waitlistEntryId);
    if (entry) setAuditSubject(req, entry.youthRef);
  }
}
