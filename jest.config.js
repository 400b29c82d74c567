// Two projects: fast unit specs next to the code, and integration specs that need
// the real Kafka broker and PostgreSQL (started or found by libs/testing's global setup).
const swc = JSON.parse(require('node:fs').readFileSync(__dirname + '/.swcrc.jest.json', 'utf8'));
const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { ...swc, swcrc: false }] },
  // NestJS 12 and a few of its dependencies are pure ESM: let swc turn them into CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|uid|file-type|strtok3|token-types|@tokenizer|jose)/)'],
  moduleNameMapper: { '^@samenspel/(.*)$': '<rootDir>/libs/$1/src' },
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};
module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/integration.setup.ts'],
    },
  ],
};
