export * from './database-url';
export * from './ensure-database';
export * from './data-source.factory';
export * from './migration-runner';
export * from './transient-error';
