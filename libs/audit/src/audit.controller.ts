import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@samenspel/http';
import { AuditPage, AuditQuery } from './audit.dto';
import { AuditTrail } from './audit-trail';
import { Audited, fromQuery } from './audited.decorator';

/** `GET /api/v1/audit`: the service's audit trail, for admins only; reading it is audited too. */
@ApiTags('audit')
@ApiBearerAuth('bearer')
@Roles('admin')
@Controller('audit')
export class AuditController {
  constructor(private readonly trail: AuditTrail) {}

  @Get()
  @Audited({ action: 'read', resource: 'audit-trail', subject: fromQuery('subject') })
  @ApiOperation({ summary: 'Who read or changed what, when and through which endpoint; newest first' })
  @ApiOkResponse({ type: AuditPage })
  @ApiForbiddenResponse({ description: 'Any role but admin' })
  async list(@Query() query: AuditQuery): Promise<AuditPage> {
    const { items, total } = await this.trail.find({
      subject: query.subject,
      actor: query.actor,
      action: query.action,
      from: query.from === undefined ? undefined : new Date(query.from),
      to: query.to === undefined ? undefined : new Date(query.to),
      limit: query.limit,
      offset: query.offset,
    });
    return { items, total, limit: query.limit, offset: query.offset };
  }
}
