import { defineConfig } from "vitest/config";

/** Browser tests against the real built server (`npm run test:e2e`). */
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    environment: "node",
    globalSetup: ["e2e/support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: "forks",
    // One server and one browser at a time: the machine is small and shared.
    fileParallelism: false,
    sequence: { concurrent: false },
  },
});
