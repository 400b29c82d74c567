import { Injectable } from '@nestjs/common';
import { NotAFollowUpStep, NotFirstContact } from '@samenspel/contracts';
import type { UnitOfWork } from '@samenspel/messaging';
import { followUpStepFit } from '../../../domain/follow-up-step';
import type { TaskView } from '../../../tasks/dto/task.view';
import { TasksRepository } from '../../../tasks/tasks.repository';
import { assertTaskVisible } from '../../../tasks/team-access';
import { CompleteTaskCommand } from '../../../tasks/usecases/complete-task/complete-task.command';
import { CompleteTask } from '../../../tasks/usecases/complete-task/complete-task.usecase';
import type { RecordFirstContactCommand } from './record-first-contact.command';

/**
 * First contact after a handover (reached, not reached, declined) is the outcome of the plan's
 * first-contact step: the step is completed as any task is, and its task.completed moves the
 * referral in the referral service.
 */
@Injectable()
export class RecordFirstContact {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly completeTask: CompleteTask,
  ) {}

  async execute(command: RecordFirstContactCommand, uow: UnitOfWork): Promise<TaskView> {
    const { principal, taskId, outcome, note } = command;
    const task = assertTaskVisible(principal, await this.tasks.findById(uow.em, taskId));
    const fit = followUpStepFit(task, 'first-contact');
    if (fit === 'not-a-follow-up-step') throw new NotAFollowUpStep(task.type);
    if (fit === 'not-first-contact') throw new NotFirstContact();
    return this.completeTask.execute(new CompleteTaskCommand({ principal, taskId, outcome, note }), uow);
  }
}
