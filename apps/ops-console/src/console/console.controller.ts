import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { inlinePageCsp, Public } from '@samenspel/http';
import { CONSOLE_PAGE } from './console-page';

/** Only the page's own inline script and style run (by hash), and it may call only this origin. */
const CONSOLE_PAGE_CSP = inlinePageCsp(CONSOLE_PAGE);

/** The console page itself carries no data, so it is public; every figure comes from the ops-only API. */
@Public()
@ApiExcludeController()
@Controller()
export class ConsoleController {
  /** At `/`, and at /api/v1/console as before. */
  @Get(['', 'console'])
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  @Header('content-security-policy', CONSOLE_PAGE_CSP)
  page(): string {
    return CONSOLE_PAGE;
  }
}
