import { defineConfig } from 'vitest/config';

// .ci/run sets VITEST_JSON_REPORT to read the pass/fail counts from vitest's JSON reporter.
const jsonReport = process.env.VITEST_JSON_REPORT;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Adapter tests open loopback servers; keep the machine's two cores from being oversubscribed.
    maxWorkers: 2,
    reporters: jsonReport ? ['default', ['json', { outputFile: jsonReport }]] : ['default'],
  },
});
