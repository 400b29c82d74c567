export * from './intake-system';
export * from './topic-recorder';
export * from './waitlist-events';
export * from './waitlist-simulator';
export * from './youth-worker';
