import { Controller, Inject } from '@nestjs/common';
import {
  WAITLIST_EVENT_TYPES,
  type CloudEvent,
  type WaitlistEnteredData,
  type WaitlistExitedData,
  type WaitlistUpdatedData,
} from '@samenspel/contracts';
import { SERVICE_LOGGER } from '@samenspel/http';
import { Ctx, Payload } from '@nestjs/microservices';
import { OnCloudEvent, type EventContext } from '@samenspel/messaging';
import type { Logger } from 'pino';
import { ExitEntryCommand } from './usecases/exit-entry/exit-entry.command';
import { ExitEntry } from './usecases/exit-entry/exit-entry.usecase';
import { RecordEntryCommand } from './usecases/record-entry/record-entry.command';
import { RecordEntry } from './usecases/record-entry/record-entry.usecase';
import { UpdateEntryCommand } from './usecases/update-entry/update-entry.command';
import { UpdateEntry } from './usecases/update-entry/update-entry.usecase';

/**
 * The intake systems' waiting-list events on jeugdzorg.waitlist.v1. The messaging core already
 * validated them against the contract, dead-lettered the malformed ones and dropped repeats of
 * (source, id); every write here is in the
 * inbox transaction, the unit of work `ctx`.
 */
@Controller()
export class WaitlistEventsController {
  constructor(
    private readonly recordEntry: RecordEntry,
    private readonly updateEntry: UpdateEntry,
    private readonly exitEntry: ExitEntry,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  @OnCloudEvent(WAITLIST_EVENT_TYPES.entered)
  async entered(@Payload() event: CloudEvent<WaitlistEnteredData>, @Ctx() ctx: EventContext): Promise<void> {
    const command = new RecordEntryCommand({ data: event.data, source: event.source });
    const outcome = await this.recordEntry.execute(command, ctx);
    this.logOutcome(event, outcome, 'entered');
  }

  @OnCloudEvent(WAITLIST_EVENT_TYPES.updated)
  async updated(@Payload() event: CloudEvent<WaitlistUpdatedData>, @Ctx() ctx: EventContext): Promise<void> {
    const outcome = await this.updateEntry.execute(new UpdateEntryCommand({ data: event.data }), ctx);
    this.logOutcome(event, outcome, 'updated');
  }

  @OnCloudEvent(WAITLIST_EVENT_TYPES.exited)
  async exited(@Payload() event: CloudEvent<WaitlistExitedData>, @Ctx() ctx: EventContext): Promise<void> {
    const outcome = await this.exitEntry.execute(new ExitEntryCommand({ data: event.data }), ctx);
    this.logOutcome(event, outcome, 'exited');
  }

  /** One line per event: which entry, and what its handling did. */
  private logOutcome(
    event: CloudEvent<{ waitlistEntryId: string }>,
    outcome: unknown,
    moment: 'entered' | 'updated' | 'exited',
  ): void {
    this.logger.info(
      { eventId: event.id, waitlistEntryId: event.data.waitlistEntryId, outcome },
      `waitlist ${moment}`,
    );
  }
}
