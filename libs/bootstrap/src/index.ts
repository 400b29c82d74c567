export * from './service-catalog';
export * from './service-config';
export * from './note-key-config';
export * from './run-service';
export * from './global-module';
export * from './service-clock';
