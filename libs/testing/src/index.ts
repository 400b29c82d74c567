export * from './infrastructure';
export * from './wait-for';
export * from './synthetic';
export * from './test-database';
export * from './test-kafka';
export * from './service-process';
export * from './service-under-test';
export * from './tokens';
