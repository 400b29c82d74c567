import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@samenspel/http';
import type { ServiceDescriptor } from './service-catalog';

export class ServiceInfo {
  name!: string;
  version!: string;
  groupId!: string;
  /** Who is asking, as the token says: lets a client check its token against this service. */
  principal!: { role: string; teamId?: string; org?: string };
}

/** `GET /api/v1/service`: which service this is, for any authenticated caller. */
export function serviceInfoController(descriptor: ServiceDescriptor, version: string) {
  @ApiTags('service')
  @Controller('service')
  class ServiceInfoController {
    @Get()
    @ApiOperation({ summary: 'Which service this is, and who the token says the caller is' })
    @ApiOkResponse({ type: ServiceInfo })
    info(@CurrentPrincipal() principal: Principal): ServiceInfo {
      return {
        name: descriptor.name,
        version,
        groupId: descriptor.groupId,
        principal: { role: principal.role, teamId: principal.teamId, org: principal.org },
      };
    }
  }
  return ServiceInfoController;
}
