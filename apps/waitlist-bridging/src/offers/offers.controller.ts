import { applyDecorators, Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Audited, fromParam, setAuditSubject } from '@samenspel/audit';
import { CurrentPrincipal, Roles, type Principal, UuidParam, ProblemResponses } from '@samenspel/http';
import { UnitsOfWork } from '@samenspel/messaging';
import { DataSource } from 'typeorm';
import { WaitlistEntriesRepository } from '../waitlist-entries/waitlist-entries.repository';
import type { BridgingOffer } from './bridging-offer.entity';
import { DeclineOfferDto, OfferDetailView, OfferView } from './dto/offer.dto';
import { assertOwningTeam, OfferNotFoundError } from './offer-decision';
import { OffersRepository } from './offers.repository';
import { AcceptOfferCommand } from './usecases/accept-offer/accept-offer.command';
import { AcceptOffer } from './usecases/accept-offer/accept-offer.usecase';
import { DeclineOfferCommand } from './usecases/decline-offer/decline-offer.command';
import { DeclineOffer } from './usecases/decline-offer/decline-offer.usecase';

/** What the two answers to an offer share: who may record them, their audit, answer and problems. */
const OfferAnswer = (summary: string) =>
  applyDecorators(
    HttpCode(200),
    Roles('youth-worker', 'team-lead'),
    Audited({ action: 'update', resource: 'bridging-offer', id: fromParam('offerId') }),
    ApiOkResponse({ type: OfferView }),
    ApiOperation({ summary }),
    ProblemResponses(404, 409),
  );

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

  /**
   * The owning team reads its offer: status, until when the seat is held, the youngster's profile
   * fields that travel between services (age, postcode4, municipality, interests, consent giver)
   * and their flow in bridging, so a worker can phone the family.
   */
  @Get(':offerId')
  @Roles('youth-worker', 'team-lead')
  @Audited({ action: 'read', resource: 'bridging-offer', id: fromParam('offerId') })
  @ApiOkResponse({ type: OfferDetailView })
  @ApiOperation({ summary: "Read an offer: its hold, the youngster's profile and their flow in bridging" })
  @ProblemResponses(404)
  async get(
    @UuidParam('offerId') offerId: string,
    @CurrentPrincipal() principal: Principal,
    @Req() req: object,
  ): Promise<OfferDetailView> {
    const em = this.dataSource.manager;
    const offer = await this.offers.find(em, offerId);
    if (!offer) throw new OfferNotFoundError();
    await assertOwningTeam(principal, offer, this.entries, em);
    const entry = await this.entries.find(em, offer.waitlistEntryId);
    if (!entry) throw new OfferNotFoundError();
    setAuditSubject(req, entry.youthRef);
    return OfferDetailView.detail(offer, entry, await this.offers.ofEntry(em, entry.waitlistEntryId));
  }

  @Post(':offerId/accept')
  @OfferAnswer('Accept a bridging offer: the seat is confirmed')
  async accept(
    @UuidParam('offerId') offerId: string,
    @CurrentPrincipal() principal: Principal,
    @Req() req: object,
  ): Promise<OfferView> {
    const command = new AcceptOfferCommand({ principal, offerId });
    const offer = await this.units.run((uow) => this.acceptOffer.execute(command, uow));
    await this.nameYoungsterInAudit(req, offer);
    return OfferView.of(offer);
  }

  @Post(':offerId/decline')
  @OfferAnswer('Decline a bridging offer: the seat is released')
  async decline(
    @UuidParam('offerId') offerId: string,
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
