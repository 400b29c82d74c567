import { ServiceConfig, WithNoteKeys } from '@samenspel/bootstrap';
import { CommaSeparatedList, DEV_CLIENT_SECRET, IntSetting, ParsedBy } from '@samenspel/http';
import { IsOptional, IsString, IsUrl, Matches } from 'class-validator';
import { DEFAULT_RETENTION, IsRetentionPeriod } from '@samenspel/erasure';
import { parseFollowUpPlans } from '../domain/follow-up-plan';
import { isAllowListEntry } from '../domain/webhook-target';

/** The notification service's variables on top of every service's (see docs/notification.md). */
export class NotificationConfig extends WithNoteKeys(ServiceConfig) {
  override PORT: number = 3004;
  /** The workspace page's client at the identity provider (the development provider's by default). */
  override SIGN_IN_CLIENT_ID?: string = 'workspace';
  override SIGN_IN_CLIENT_SECRET?: string = DEV_CLIENT_SECRET;

  /** How often each instance looks for due plan steps, overdue tasks and deliveries (ms). */
  @IntSetting(50, 600000)
  SCHEDULER_TICK_MS: number = 15000;

  /** Follow-up plans per municipality as JSON (docs/notification.md); empty: the default plan. */
  @IsOptional()
  @IsString()
  @ParsedBy('followUpPlans', parseFollowUpPlans)
  FOLLOW_UP_PLANS?: string;

  @IntSetting(0, 60) BRIDGING_OFFER_DUE_WORKING_DAYS: number = 3;
  @IntSetting(0, 60) HANDOVER_INTAKE_DUE_WORKING_DAYS: number = 5;
  @IntSetting(0, 60) REFERRAL_INTAKE_DUE_WORKING_DAYS: number = 5;
  @IntSetting(0, 60) CARE_STARTED_DUE_WORKING_DAYS: number = 5;

  /** Working days after its due date at which an open task escalates to the team-lead. */
  @IntSetting(0, 60)
  ESCALATE_AFTER_WORKING_DAYS: number = 2;

  /** SMTP URL (smtp://user:pass@host:587); e-mail is off while unset. */
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsString() SMTP_FROM: string = 'Samenspel <no-reply@samenspel.local>';

  /** The services the workspace routes act on as the worker (docs/notification.md, Workspace routes). */
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  BRIDGING_URL: string = 'http://127.0.0.1:3002';
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  ACTIVITY_URL: string = 'http://127.0.0.1:3003';
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  REFERRAL_URL: string = 'http://127.0.0.1:3001';
  /** Time-out of one call of a workspace route to the owning service (ms). */
  @IntSetting(100, 60000) OWNER_TIMEOUT_MS: number = 5000;

  /** Attempts per delivery (webhook or e-mail) before it is marked failed. */
  @IntSetting(1, 20) DELIVERY_MAX_ATTEMPTS: number = 8;
  @IntSetting(10, 3600000) DELIVERY_BACKOFF_BASE_MS: number = 5000;
  @IntSetting(10, 86400000) DELIVERY_BACKOFF_MAX_MS: number = 3600000;
  @IntSetting(100, 60000) WEBHOOK_TIMEOUT_MS: number = 5000;
  /** Consecutive failed attempts after which a webhook is disabled and its team-lead gets a task. */
  @IntSetting(1, 100) WEBHOOK_DISABLE_AFTER_FAILURES: number = 10;

  /**
   * On-premise receivers a webhook may reach although their addresses are loopback, private or
   * link-local: comma-separated CIDRs (`10.20.0.0/16`) and `host:port` entries
   * (`hooks.intranet:8443`). Empty: public addresses only (docs/notification.md#webhooks).
   */
  @CommaSeparatedList(isAllowListEntry, 'must be a comma-separated list of CIDRs and host:port entries')
  WEBHOOK_ALLOWED_TARGETS: string[] = [];

  /** Closed tasks are anonymised this long after they closed (ISO 8601; docs/privacy.md#retention). */
  @IsRetentionPeriod()
  RETENTION_TASK: string = DEFAULT_RETENTION;

  /** Delivered or failed webhook and e-mail deliveries are deleted this long after (ISO 8601). */
  @IsRetentionPeriod()
  RETENTION_DELIVERY: string = DEFAULT_RETENTION;
}

export const NOTIFICATION_CONFIG = Symbol('NOTIFICATION_CONFIG');
