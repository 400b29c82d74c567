import { TOPIC_SPECS, type TopicSpec } from '@samenspel/contracts';

/** Every Samenspel service: its port, its own database, and its own Kafka identity. */
export interface ServiceDescriptor {
  name: ServiceName;
  port: number;
  database: string;
  /** Consumer group and client id: each service its own, never NestJS's defaults. */
  groupId: string;
  clientId: string;
  /** CloudEvents `source` of the events it produces. */
  source: string;
  description: string;
}

export type ServiceName = 'referral' | 'waitlist-bridging' | 'activity' | 'notification' | 'ops-console';

const service = (name: ServiceName, port: number, db: string, description: string): ServiceDescriptor => ({
  name,
  port,
  database: `samenspel_${db}`,
  groupId: `samenspel-${name}`,
  clientId: `samenspel-${name}`,
  source: `urn:samenspel:${name}`,
  description,
});

export const SERVICES: readonly ServiceDescriptor[] = [
  service(
    'ops-console',
    3000,
    'ops',
    'Event flows, stuck youngsters, dead letters and impact for operations',
  ),
  service('referral', 3001, 'referral', 'Referrals and handovers between youth care and youth work'),
  service(
    'waitlist-bridging',
    3002,
    'bridging',
    'Group offers from youth work for youngsters on a care waiting list',
  ),
  service('activity', 3003, 'activity', 'The youth-work catalogue, capacity, placements and attendance'),
  service(
    'notification',
    3004,
    'notification',
    'Tasks, reminders, escalation, webhooks and e-mail for teams',
  ),
];

export function serviceNamed(name: ServiceName): ServiceDescriptor {
  const found = SERVICES.find((s) => s.name === name);
  if (!found) throw new Error(`unknown service ${name}`);
  return found;
}

/** Every topic is created by every service that starts (idempotently), so start order does not matter. */
export const ALL_TOPICS: readonly TopicSpec[] = TOPIC_SPECS;
