import {
  WAITLIST_EVENT_TYPES,
  WaitlistEnteredData,
  WaitlistExitedData,
  WaitlistUpdatedData,
} from './events/waitlist.events';
import { ACTIVITY_CONTRACT_LIST } from './events/activity.events';
import { BRIDGING_CONTRACT_LIST } from './events/bridging.events';
import { PRIVACY_CONTRACT_LIST } from './events/privacy.events';
import { REFERRAL_CONTRACT_LIST } from './events/referral.events';
import { TASK_CONTRACT_LIST } from './events/task.events';
import { TOPICS } from './topics';

export type DataClass<T = object> = new () => T;

/** One event type: the topic it travels on and the class-validator class of its `data`. */
export interface EventContract<T = object> {
  type: string;
  topic: string;
  dataClass: DataClass<T>;
}

/**
 * Which event types exist, on which topic, with which data. Consumers validate every event
 * against it; producers may only publish registered types.
 */
export class ContractRegistry {
  private readonly byType = new Map<string, EventContract>();

  constructor(contracts: readonly EventContract[] = []) {
    contracts.forEach((c) => this.register(c));
  }

  register<T extends object>(contract: EventContract<T>): this {
    const existing = this.byType.get(contract.type);
    if (existing && (existing.topic !== contract.topic || existing.dataClass !== contract.dataClass)) {
      throw new Error(`event type ${contract.type} is already registered differently`);
    }
    this.byType.set(contract.type, contract as EventContract);
    return this;
  }

  get(type: string): EventContract | undefined {
    return this.byType.get(type);
  }

  typesOn(topic: string): string[] {
    return [...this.byType.values()].filter((c) => c.topic === topic).map((c) => c.type);
  }

  all(): EventContract[] {
    return [...this.byType.values()];
  }
}

/** Every production contract. Services add theirs here as they are built. */
export const SAMENSPEL_CONTRACTS: readonly EventContract[] = [
  { type: WAITLIST_EVENT_TYPES.entered, topic: TOPICS.waitlist, dataClass: WaitlistEnteredData },
  { type: WAITLIST_EVENT_TYPES.updated, topic: TOPICS.waitlist, dataClass: WaitlistUpdatedData },
  { type: WAITLIST_EVENT_TYPES.exited, topic: TOPICS.waitlist, dataClass: WaitlistExitedData },
  ...ACTIVITY_CONTRACT_LIST,
  ...BRIDGING_CONTRACT_LIST,
  ...REFERRAL_CONTRACT_LIST,
  ...TASK_CONTRACT_LIST,
  ...PRIVACY_CONTRACT_LIST,
];

export function samenspelContracts(): ContractRegistry {
  return new ContractRegistry(SAMENSPEL_CONTRACTS);
}
