import { Module } from '@nestjs/common';
import { DeadLetterCopySweeper } from './dead-letter-copy-sweeper';
import { DeadLettersController } from './dead-letters.controller';
import { ReplayDeadLetters } from './usecases/replay-dead-letters/replay-dead-letters.usecase';
import { ResolveDeadLetter } from './usecases/resolve-dead-letter/resolve-dead-letter.usecase';

/** Dead letters: listed, replayed or resolved with an audit trail; their copies cleared after retention. */
@Module({
  controllers: [DeadLettersController],
  providers: [ReplayDeadLetters, ResolveDeadLetter, DeadLetterCopySweeper],
})
export class DeadLettersModule {}
