import {
  applyDecorators,
  Body,
  Controller,
  Get,
  HttpCode,
  Optional,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
  ApiSecurity,
} from '@nestjs/swagger';
import {
  Audited,
  AuditedWhenFilteredToYouth,
  fromParam,
  fromResult,
  setAuditSubject,
} from '@samenspel/audit';
import {
  BrowserSessions,
  CurrentPrincipal,
  Roles,
  type Principal,
  UuidParam,
  OptionalUuidQuery,
  SESSION_COOKIE_SCHEME,
  ProblemResponses,
  watchAuthentication,
  type AuthenticatedRequest,
} from '@samenspel/http';
import { UnitsOfWork } from '@samenspel/messaging';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { TaskChangeFeed } from './task-change-feed';
import { CancelTaskBody, CompleteTaskBody, ListTasksQuery } from './dto/task.dto';
import { TasksRepository } from './tasks.repository';
import { TaskPage, TaskView, toTaskView } from './dto/task.view';
import { assertTaskVisible, effectiveTeam, viewFor } from './team-access';
import { CancelTaskCommand } from './usecases/cancel-task/cancel-task.command';
import { CancelTask } from './usecases/cancel-task/cancel-task.usecase';
import { ClaimTaskCommand } from './usecases/claim-task/claim-task.command';
import { ClaimTask } from './usecases/claim-task/claim-task.usecase';
import { CompleteTaskCommand } from './usecases/complete-task/complete-task.command';
import { CompleteTask } from './usecases/complete-task/complete-task.usecase';
import { ListTasksCommand } from './usecases/list-tasks/list-tasks.command';
import { ListTasks } from './usecases/list-tasks/list-tasks.usecase';

/** The task a route reads or changes, and the youngster it is about. */
const ofTask = { id: fromParam('id'), subject: fromResult('youthRef') };

/** What claiming, completing and cancelling a task share: its audit and its answer. */
const TaskChange = (summary: string) =>
  applyDecorators(
    HttpCode(200),
    Audited({ action: 'update', resource: 'task', ...ofTask }),
    ApiOkResponse({ type: TaskView }),
    ApiOperation({ summary }),
  );

@ApiTags('tasks')
@ApiBearerAuth('bearer')
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly listTasks: ListTasks,
    private readonly claimTask: ClaimTask,
    private readonly completeTask: CompleteTask,
    private readonly cancelTask: CancelTask,
    private readonly units: UnitsOfWork,
    private readonly dataSource: DataSource,
    private readonly tasks: TasksRepository,
    private readonly feed: TaskChangeFeed,
    @Optional() private readonly sessions?: BrowserSessions,
  ) {}

  @Get()
  @Roles('youth-worker', 'team-lead', 'ops', 'admin', 'service')
  // A team's worklist is not one youngster's record; a list filtered to one youngster would be.
  @AuditedWhenFilteredToYouth('task')
  @ApiOperation({ summary: "The caller's team's tasks, by due date" })
  @ApiOkResponse({ type: TaskPage })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListTasksQuery): Promise<TaskPage> {
    const command = new ListTasksCommand({
      principal,
      teamId: query.teamId,
      status: query.status,
      type: query.type,
      dueBefore: query.dueBefore ? new Date(query.dueBefore) : undefined,
      limit: query.limit,
      offset: query.offset,
    });
    return this.units.run((uow) => this.listTasks.execute(command, uow));
  }

  /**
   * Server-Sent Events of the team's task changes. A browser's EventSource cannot send an
   * Authorization header: the workspace page's stream is authenticated by its session cookie. The
   * stream ends when that session ends, or when the bearer token it was opened with expires.
   */
  @Get('stream')
  @Roles('youth-worker', 'team-lead', 'ops', 'admin', 'service')
  @ApiOperation({ summary: 'Live task changes (text/event-stream): event names created, claimed, …' })
  @ApiProduces('text/event-stream')
  @ApiSecurity(SESSION_COOKIE_SCHEME)
  @ApiQuery({ name: 'teamId', required: false })
  stream(
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request & AuthenticatedRequest,
    @Res() res: Response,
    @OptionalUuidQuery('teamId') requestedTeam: string | undefined,
  ): void {
    const teamId = effectiveTeam(principal, requestedTeam);
    res.status(200).set({
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.flushHeaders();
    res.write(`retry: 3000\n\n`);
    const subscription = this.feed.changes.subscribe({
      next: (change) => {
        if (teamId && change.teamId !== teamId) return;
        res.write(`event: ${change.kind}\ndata: ${JSON.stringify(viewFor(principal, change.task))}\n\n`);
      },
      complete: () => res.end(),
    });
    const heartbeat = setInterval(() => res.write(`: keep-alive\n\n`), 15000);
    const close = () => {
      clearInterval(heartbeat);
      subscription.unsubscribe();
      stopWatching();
    };
    const stopWatching = watchAuthentication(req, this.sessions, () => {
      close();
      res.end();
    });
    req.on('close', close);
  }

  @Get(':id')
  @Roles('youth-worker', 'team-lead', 'ops', 'admin', 'service')
  @Audited({ action: 'read', resource: 'task', id: fromParam('id') })
  @ApiOkResponse({ type: TaskView })
  @ApiOperation({ summary: 'Read a task' })
  @ProblemResponses(404)
  async get(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Req() req: Request,
  ): Promise<TaskView> {
    const task = await this.tasks.findById(this.dataSource.manager, id);
    // Named before the visibility check (and whatever the view leaves out), so every read is tied to the youngster.
    if (task) setAuditSubject(req, task.youthRef);
    return viewFor(principal, toTaskView(assertTaskVisible(principal, task)));
  }

  @Post(':id/claim')
  @TaskChange('Claim a task')
  @Roles('youth-worker', 'team-lead', 'admin')
  @ProblemResponses(404, 409)
  claim(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string) {
    const command = new ClaimTaskCommand({ principal, taskId: id });
    return this.units.run((uow) => this.claimTask.execute(command, uow));
  }

  @Post(':id/complete')
  @TaskChange('Complete a task with its outcome')
  @Roles('youth-worker', 'team-lead', 'admin')
  @ProblemResponses(404, 409, 422)
  complete(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() body: CompleteTaskBody,
  ) {
    const command = new CompleteTaskCommand({
      principal,
      taskId: id,
      outcome: body.outcome,
      reason: body.reason,
      note: body.note,
      youthVoice: body.youthVoice,
    });
    return this.units.run((uow) => this.completeTask.execute(command, uow));
  }

  @Post(':id/cancel')
  @TaskChange('Cancel a task')
  @Roles('team-lead', 'admin')
  @ProblemResponses(404, 409)
  cancel(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() body: CancelTaskBody,
  ) {
    const command = new CancelTaskCommand({ principal, taskId: id, reason: body.reason });
    return this.units.run((uow) => this.cancelTask.execute(command, uow));
  }
}
