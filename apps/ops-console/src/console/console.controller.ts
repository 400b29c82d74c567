import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { inlinePageCsp, Public, selfServedPageCsp } from '@samenspel/http';
import { CHART_LIBRARY } from './chart-library';
import { CONSOLE_PAGE } from './console-page';
import { IMPACT_PAGE, IMPACT_SCRIPT, IMPACT_STYLE } from './impact-page';

/** Only the page's own inline script and style run (by hash), and it may call only this origin. */
const CONSOLE_PAGE_CSP = inlinePageCsp(CONSOLE_PAGE);

/** The impact page has no inline code at all: its script and style sheet come from this origin. */
const IMPACT_PAGE_CSP = selfServedPageCsp();

/** The console pages carry no data, so they are public; every figure comes from the API, which checks the role. */
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

  /** The impact page for policy officers, ops and admin (Dutch). */
  @Get('console/impact')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  @Header('content-security-policy', IMPACT_PAGE_CSP)
  impactPage(): string {
    return IMPACT_PAGE;
  }

  @Get('console/impact.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'no-cache')
  impactScript(): string {
    return IMPACT_SCRIPT;
  }

  /** Chart.js, for the impact page's charts; the page names its version in the URL, so it is kept a year. */
  @Get('console/chart.umd.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'public, max-age=31536000, immutable')
  chartLibrary(): string {
    return CHART_LIBRARY.source;
  }

  @Get('console/impact.css')
  @Header('content-type', 'text/css; charset=utf-8')
  @Header('cache-control', 'no-cache')
  impactStyle(): string {
    return IMPACT_STYLE;
  }
}
