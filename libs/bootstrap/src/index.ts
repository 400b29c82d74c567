export * from './service-catalog';
export * from './service-config';
export * from './run-service';
