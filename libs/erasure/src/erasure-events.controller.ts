import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  PRIVACY_EVENT_TYPES,
  type CloudEvent,
  type ErasureRequestedData,
  type YouthErasedData,
} from '@samenspel/contracts';
import { OnCloudEvent, type EventContext } from '@samenspel/messaging';
import { forgetSentConfirmation } from './messaging-core.eraser';
import { YouthErasure } from './youth-erasure';

export const ERASURE_SOURCE = Symbol('ERASURE_SOURCE');

/**
 * The erasure request on jeugdzorg.privacy.v1 (from youth care, or from the ops console's admin
 * API), and our own confirmation coming back on samenspel.privacy.v1. Both run in the inbox
 * transaction `ctx.em`.
 */
@Controller()
export class ErasureEventsController {
  constructor(
    private readonly erasure: YouthErasure,
    @Inject(ERASURE_SOURCE) private readonly source: string,
  ) {}

  @OnCloudEvent(PRIVACY_EVENT_TYPES.erasureRequested)
  async onErasureRequested(
    @Payload() event: CloudEvent<ErasureRequestedData>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.erasure.erase(
      ctx.em,
      { requestId: event.id, source: event.source, youthRef: event.data.youthRef },
      (confirmation) => ctx.publish(confirmation),
    );
  }

  /** Our confirmation was published: its outbox row, the last one naming the youngster, goes. */
  @OnCloudEvent(PRIVACY_EVENT_TYPES.erased)
  async onErased(@Payload() event: CloudEvent<YouthErasedData>, @Ctx() ctx: EventContext): Promise<void> {
    if (event.source !== this.source) return;
    await forgetSentConfirmation(ctx.em, event.id, event.data.youthRef);
  }
}
