import { Module } from '@nestjs/common';
import { ConsoleController } from './console.controller';

/** The console page. */
@Module({ controllers: [ConsoleController] })
export class ConsoleModule {}
