import { Module } from '@nestjs/common';
import { NoteCipher, noteCipherFrom } from '@samenspel/persistence';
import { NOTIFICATION_CONFIG, type NotificationConfig } from '../config/notification.config';
import { OverdueMonitor } from './overdue-monitor';
import { TaskAnnouncer } from './task-announcer';
import { TaskChangeFeed } from './task-change-feed';
import { TaskNoteEncryption } from './task-note-encryption';
import { TasksController } from './tasks.controller';
import { CancelOfferTask } from './usecases/cancel-offer-task/cancel-offer-task.usecase';
import { CancelTask } from './usecases/cancel-task/cancel-task.usecase';
import { ClaimTask } from './usecases/claim-task/claim-task.usecase';
import { CompleteSourcedTask } from './usecases/complete-sourced-task/complete-sourced-task.usecase';
import { CompleteTask } from './usecases/complete-task/complete-task.usecase';
import { CreateTask } from './usecases/create-task/create-task.usecase';
import { ListTasks } from './usecases/list-tasks/list-tasks.usecase';

/** Team tasks: the inbox API and its live stream, reminders and escalation, and every announcement. */
@Module({
  controllers: [TasksController],
  providers: [
    {
      provide: NoteCipher,
      inject: [NOTIFICATION_CONFIG],
      useFactory: (config: NotificationConfig) => noteCipherFrom(config),
    },
    TaskNoteEncryption,
    TaskAnnouncer,
    TaskChangeFeed,
    CreateTask,
    ClaimTask,
    CompleteTask,
    CancelTask,
    CompleteSourcedTask,
    CancelOfferTask,
    ListTasks,
    OverdueMonitor,
  ],
  exports: [TaskAnnouncer, CreateTask, CompleteTask, CompleteSourcedTask, CancelOfferTask, OverdueMonitor],
})
export class TasksModule {}
