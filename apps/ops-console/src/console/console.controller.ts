import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@samenspel/http';
import { CONSOLE_PAGE } from './console-page';

/** The console page itself carries no data, so it is public; every figure comes from the ops-only API. */
@Public()
@ApiExcludeController()
@Controller()
export class ConsoleController {
  /** At `/`, and at /api/v1/console as before. */
  @Get(['', 'console'])
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  page(): string {
    return CONSOLE_PAGE;
  }
}
