import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    pool: "forks",
    // Two cores: two test files at a time, each with its own database.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // A page that loads a bundle and fetches data can take more than the default second while the
    // other worker runs a browser too: polls wait up to 10 s (a poll that passes returns at once).
    expect: { poll: { timeout: 10_000 } },
  },
});
