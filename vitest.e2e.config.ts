import { defineConfig } from 'vitest/config';

// Real browsers: one per test file, and the files one after the other, since each browser takes
// about 0.5 GB and the CI machines have two cores.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
