import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@samenspel/http';
import { DeclineOfferDto, OfferView } from './dto/waitlist-entry.dto';
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
  ) {}

  @Post(':offerId/accept')
  @HttpCode(200)
  @Roles('youth-worker', 'team-lead')
  @ApiOkResponse({ type: OfferView })
  async accept(
    @Param('offerId', new ParseUUIDPipe()) offerId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OfferView> {
    return OfferView.of(await this.acceptOffer.execute(new AcceptOfferCommand(offerId, principal)));
  }

  @Post(':offerId/decline')
  @HttpCode(200)
  @Roles('youth-worker', 'team-lead')
  @ApiOkResponse({ type: OfferView })
  async decline(
    @Param('offerId', new ParseUUIDPipe()) offerId: string,
    @Body() body: DeclineOfferDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OfferView> {
    return OfferView.of(
      await this.declineOffer.execute(new DeclineOfferCommand(offerId, body.reason, principal)),
    );
  }
}
