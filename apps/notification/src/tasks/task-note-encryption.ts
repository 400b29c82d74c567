import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { SERVICE_LOGGER } from '@samenspel/http';
import { NoteCipher } from '@samenspel/persistence';
import type { Logger } from 'pino';
import { DataSource, type EntitySubscriberInterface, type InsertEvent, type UpdateEvent } from 'typeorm';
import { TaskEntity } from './task.entity';

/** Additional authenticated data: a task-note ciphertext does not decrypt as any other kind of note. */
const CONTEXT = 'samenspel.task.note';
const ENCRYPTED = /^v1\./;

/**
 * Keeps a task's free-text note encrypted at rest (AES-256-GCM, the service's NOTE_ENCRYPTION_KEY):
 * encrypted just before a task row is written and decrypted when it is loaded, so that the use
 * cases and views see the plain note while the `task.note` column only ever holds ciphertext.
 * Every read and write of a task's note goes through TypeORM entities; raw SQL only inserts new tasks
 * (which have no note) and clears notes.
 */
@Injectable()
export class TaskNoteEncryption implements EntitySubscriberInterface<TaskEntity>, OnApplicationBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: NoteCipher,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {
    dataSource.subscribers.push(this);
  }

  listenTo() {
    return TaskEntity;
  }

  /** Notes written before notes were encrypted are encrypted once, at start-up. */
  async onApplicationBootstrap(): Promise<void> {
    const rows = (await this.dataSource.query(
      `SELECT id, note FROM task WHERE note IS NOT NULL AND note !~ '^v1\\.'`,
    )) as { id: string; note: string }[];
    for (const row of rows) {
      await this.dataSource.query(`UPDATE task SET note = $2 WHERE id = $1 AND note = $3`, [
        row.id,
        this.cipher.encrypt(row.note, CONTEXT),
        row.note,
      ]);
    }
    if (rows.length) this.logger.info({ tasks: rows.length }, 'encrypted task notes stored in plain text');
  }

  afterLoad(task: TaskEntity): void {
    this.open(task);
  }

  beforeInsert(event: InsertEvent<TaskEntity>): void {
    this.seal(event.entity);
  }

  afterInsert(event: InsertEvent<TaskEntity>): void {
    this.open(event.entity);
  }

  beforeUpdate(event: UpdateEvent<TaskEntity>): void {
    this.seal(event.entity as Partial<TaskEntity> | undefined);
  }

  afterUpdate(event: UpdateEvent<TaskEntity>): void {
    this.open(event.entity as Partial<TaskEntity> | undefined);
  }

  private seal(task: Partial<TaskEntity> | undefined): void {
    if (task && typeof task.note === 'string' && !ENCRYPTED.test(task.note)) {
      task.note = this.cipher.encrypt(task.note, CONTEXT);
    }
  }

  private open(task: Partial<TaskEntity> | undefined): void {
    if (task && typeof task.note === 'string' && ENCRYPTED.test(task.note)) {
      task.note = this.cipher.decrypt(task.note, CONTEXT);
    }
  }
}
