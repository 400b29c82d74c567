export * from './topics';
export * from './cloud-event';
export * from './contract-registry';
export * from './events/consent.dto';
export * from './events/youth-profile';
export * from './events/waitlist.events';
