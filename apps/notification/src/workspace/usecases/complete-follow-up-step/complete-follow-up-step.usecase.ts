import { Injectable } from '@nestjs/common';
import { NotAFollowUpStep } from '@samenspel/contracts';
import type { UnitOfWork } from '@samenspel/messaging';
import { followUpStepFit } from '../../../domain/follow-up-step';
import type { TaskView } from '../../../tasks/dto/task.view';
import { TasksRepository } from '../../../tasks/tasks.repository';
import { assertTaskVisible } from '../../../tasks/team-access';
import { CompleteTaskCommand } from '../../../tasks/usecases/complete-task/complete-task.command';
import { CompleteTask } from '../../../tasks/usecases/complete-task/complete-task.usecase';
import type { CompleteFollowUpStepCommand } from './complete-follow-up-step.command';

/**
 * A step of the follow-up plan done with its outcome: completed as any task is, and its
 * task.completed (with the referral and step) moves the referral in the referral service, and
 * carries the youngster's own view when the worker recorded one.
 */
@Injectable()
export class CompleteFollowUpStep {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly completeTask: CompleteTask,
  ) {}

  async execute(command: CompleteFollowUpStepCommand, uow: UnitOfWork): Promise<TaskView> {
    const { principal, taskId, outcome, note, youthVoice } = command;
    const task = assertTaskVisible(principal, await this.tasks.findById(uow.em, taskId));
    if (followUpStepFit(task, 'follow-up-step') !== 'ok') throw new NotAFollowUpStep(task.type);
    return this.completeTask.execute(
      new CompleteTaskCommand({ principal, taskId, outcome, note, youthVoice }),
      uow,
    );
  }
}
