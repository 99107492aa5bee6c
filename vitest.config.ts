import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/{db,electron,renderer,fixtures}/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
