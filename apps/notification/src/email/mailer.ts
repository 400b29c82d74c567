import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Transporter } from 'nodemailer';
import { publicBaseUrl } from '@samenspel/http';
import { NOTIFICATION_CONFIG, NotificationConfig } from '../config/notification.config';

const SUBJECTS: Record<string, [nl: string, en: string]> = {
  'task.created': ['Nieuwe taak', 'New task'],
  'task.reminder': ['Herinnering: taak over tijd', 'Reminder: task overdue'],
  'task.overdue': ['Escalatie: taak te lang over tijd', 'Escalation: task long overdue'],
};

const TYPE_NAMES: Record<string, string> = {
  'bridging-offer': 'Overbruggingsaanbod / bridging offer',
  'handover-intake': 'Intake na overdracht / handover intake',
  'referral-intake': 'Intake verwijzing / referral intake',
  'warm-handover': 'Warme overdracht / warm handover',
  'care-started': 'Zorg gestart / care started',
  'follow-up': 'Nazorgcontact / follow-up',
  'webhook-disabled': 'Webhook uitgeschakeld / webhook disabled',
};

/**
 * E-mail through SMTP (nodemailer), off while SMTP_URL is unset. Mails carry the task type, due
 * date and a link to the inbox: no youthRef, no names, nothing about the youngster. nodemailer is
 * loaded with the first mail, so a service with e-mail off never loads it.
 */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private transport?: Promise<Transporter>;

  constructor(@Inject(NOTIFICATION_CONFIG) private readonly config: NotificationConfig) {}

  get enabled(): boolean {
    return Boolean(this.config.SMTP_URL);
  }

  async sendTaskMail(to: string, event: string, payload: Record<string, unknown>): Promise<void> {
    const url = this.config.SMTP_URL;
    if (!url) throw new Error('e-mail is off (SMTP_URL is unset)');
    // A transport that could not be made is tried again with the next mail.
    this.transport ??= import('nodemailer')
      .then(({ createTransport }) => createTransport(url))
      .catch((error: unknown) => {
        this.transport = undefined;
        throw error;
      });
    const transport = await this.transport;
    const data = (payload.data ?? {}) as { type?: string; dueAt?: string; taskId?: string };
    const [nl, en] = SUBJECTS[event] ?? ['Taakbericht', 'Task notice'];
    const typeName = TYPE_NAMES[data.type ?? ''] ?? data.type ?? '';
    const due = data.dueAt
      ? new Date(data.dueAt).toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam' })
      : '';
    const link = `${publicBaseUrl(this.config)}/inbox`;
    await transport.sendMail({
      from: this.config.SMTP_FROM,
      to,
      subject: `${nl} / ${en}: ${typeName}`,
      text: [
        `${nl}: ${typeName}`,
        `Uiterlijk / due: ${due}`,
        `Taak / task: ${data.taskId ?? ''}`,
        '',
        `Open de teaminbox / open the team inbox: ${link}`,
      ].join('\n'),
      headers: { 'X-Samenspel-Event': event },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    (await this.transport?.catch(() => undefined))?.close();
  }
}
