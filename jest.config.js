// Three tiers: fast unit specs next to the code; database specs of a use case or repository against
// a real PostgreSQL; integration specs of services on the real Kafka broker and PostgreSQL (both
// started or found by libs/testing's global setup).
const swc = JSON.parse(require('node:fs').readFileSync(__dirname + '/.swcrc.jest.json', 'utf8'));
const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { ...swc, swcrc: false }] },
  // NestJS 12 and a few of its dependencies are pure ESM: let swc turn them into CommonJS.
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|uid|file-type|strtok3|token-types|@tokenizer|jose|openid-client|oauth4webapi)/)',
  ],
  moduleNameMapper: { '^@samenspel/(.*)$': '<rootDir>/libs/$1/src' },
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};
// Integration and database tiers share one global setup (Jest runs a shared setup file once).
const harness = {
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/libs/testing/src/integration.setup.ts'],
};
module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'] },
    // A use case, repository or statement against a real PostgreSQL, without a broker or a service process.
    { ...shared, ...harness, displayName: 'db', testMatch: ['<rootDir>/{apps,libs,test}/**/*.db-spec.ts'] },
    // Whole services as processes, across services, on the real broker and PostgreSQL.
    {
      ...shared,
      ...harness,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts'],
    },
  ],
};
