import { defineConfig } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "@/e2e/chromium";

const port = Number(process.env.E2E_PORT ?? 3200);
export const baseURL = `http://127.0.0.1:${port}`;

/**
 * End-to-end tests in Debian's Chromium (Playwright cannot download its own browser here) against a
 * production build (`next build` + `next start`) on a freshly seeded database: PostgreSQL when
 * TEST_DATABASE_URL is set, PGlite otherwise. e2e/serve.ts prepares the database and starts the server.
 */
export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["json", { outputFile: ".test-output/e2e.json" }]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: CHROMIUM_LAUNCH,
  },
  // The seeded totals are checked first (sign-in and the dashboards compare pages with them), before the
  // feature specs add members, appointments and targets.
  projects: [
    {
      name: "baseline",
      testMatch: /(auth|progress)\.spec\.ts$/,
      // Runs once baseline and everything depending on it (desktop) has finished, passed or failed.
      teardown: "log-scan",
      use: { browserName: "chromium", viewport: { width: 1280, height: 900 } },
    },
    {
      name: "desktop",
      testIgnore: /(auth|progress|log-scan)\.spec\.ts$/,
      dependencies: ["baseline"],
      use: { browserName: "chromium", viewport: { width: 1280, height: 900 } },
    },
    // Last, even when specs failed: the server's log over the whole run, scanned for personal data.
    { name: "log-scan", testMatch: /log-scan\.spec\.ts$/ },
  ],
  webServer: {
    command: "npx tsx e2e/serve.ts",
    url: `${baseURL}/api/health`,
    timeout: 600_000,
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(port) },
  },
});
