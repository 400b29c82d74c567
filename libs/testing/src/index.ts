export * from './infrastructure';
export * from './wait-for';
export * from './synthetic';
export * from './test-database';
export * from './test-kafka';
export * from './service-process';
