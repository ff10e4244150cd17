import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser suites each start a Chromium and a local stack; two cores run two files at a time.
    maxWorkers: 2,
    // Every request and trigger invocation logs its line: shown for the tests that fail.
    silent: "passed-only",
  },
});
