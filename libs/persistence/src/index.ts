export * from './database-url';
export * from './ensure-database';
export * from './data-source.factory';
export * from './migration-runner';
export * from './transient-error';
export * from './crypto/note-cipher';
export * from './database-tls';
export * from './storable-text';
