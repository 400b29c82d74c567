export * from './trace-context';
export * from './logger';
