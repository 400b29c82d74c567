export * from './working-days';
