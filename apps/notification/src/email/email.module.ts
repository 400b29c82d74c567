import { Module } from '@nestjs/common';
import { Mailer } from './mailer';
import { TeamContactsController } from './team-contacts.controller';
import { SetTeamContacts } from './usecases/set-team-contacts/set-team-contacts.usecase';

/** E-mail to a team's addresses, through SMTP when SMTP_URL is set. */
@Module({
  controllers: [TeamContactsController],
  providers: [Mailer, SetTeamContacts],
  exports: [Mailer],
})
export class EmailModule {}
