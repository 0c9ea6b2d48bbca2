/**
 * One Jest run for the whole repository (`npm test`): unit tests beside the code (`*.spec.ts`)
 * and end-to-end tests under each package's `test/` (`*.e2e-spec.ts`).
 */
const tsJest = (tsconfig) => ({ '^.+\\.tsx?$': ['ts-jest', { tsconfig }] });

module.exports = {
  // End-to-end tests start real servers and browsers; each waits on conditions with its own deadlines.
  testTimeout: 30_000,
  projects: [
    {
      displayName: 'shared',
      rootDir: '<rootDir>/shared',
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
      transform: tsJest('<rootDir>/tsconfig.json'),
      testEnvironment: 'node',
    },
    {
      displayName: 'backend',
      rootDir: '<rootDir>/backend',
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
      transform: tsJest('<rootDir>/tsconfig.json'),
      testEnvironment: 'node',
    },
    {
      // The same HTTP end-to-end suite again, each file on a fresh schema of the PostgreSQL at 127.0.0.1:5432.
      displayName: 'backend-postgres',
      rootDir: '<rootDir>/backend',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      setupFiles: ['<rootDir>/test/support/use-postgres.ts'],
      transform: tsJest('<rootDir>/tsconfig.json'),
      testEnvironment: 'node',
    },
    {
      // Several instances on PostgreSQL behind nginx.
      displayName: 'backend-cluster',
      rootDir: '<rootDir>/backend',
      testMatch: ['<rootDir>/test/cluster/**/*.cluster-spec.ts'],
      transform: tsJest('<rootDir>/tsconfig.json'),
      testEnvironment: 'node',
    },
    {
      // A smoke run of the benchmark harness: tiny sizes, so it keeps working; `npm run bench` measures.
      displayName: 'bench',
      rootDir: '<rootDir>/bench',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.js'],
      testEnvironment: 'node',
    },
    {
      displayName: 'extension',
      rootDir: '<rootDir>/extension',
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
      // The browser's i18n as an English browser has it: the extension's scripts carry no texts.
      setupFiles: ['<rootDir>/test/support/english.setup.ts'],
      transform: tsJest('<rootDir>/tsconfig.json'),
      testEnvironment: 'node',
    },
  ],
};
