import { defineConfig } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "@/e2e/chromium";
import { PUBLIC_URL } from "@/scripts/cluster/layout";

/**
 * Tests of the local cluster of `npm run cluster` (two app processes behind HAProxy on pg_auto_failover's two
 * nodes), run by `npm test` before the chaos test (scripts/test-all.ts), or by hand against a running cluster:
 * `npx playwright test -c playwright.cluster.config.ts`. The cluster must be up; nothing here starts it.
 */
export default defineConfig({
  testDir: "e2e/cluster",
  testMatch: /\.cluster\.ts$/,
  outputDir: "test-results/cluster",
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: PUBLIC_URL,
    trace: "retain-on-failure",
    launchOptions: CHROMIUM_LAUNCH,
    viewport: { width: 1280, height: 900 },
  },
});
