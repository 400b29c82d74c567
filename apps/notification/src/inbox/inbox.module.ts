import { Module } from '@nestjs/common';
import { InboxPage } from './inbox-page';

/** The team workspace page at GET /inbox. */
@Module({ providers: [InboxPage] })
export class InboxModule {}
