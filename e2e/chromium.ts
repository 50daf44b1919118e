/**
 * How every browser this project starts is launched: Debian's Chromium (Playwright cannot download its own
 * here), sandbox and GPU off, nothing phoning home. Used by playwright.config.ts, scripts/screenshots.ts and
 * scripts/bench/browser.ts.
 */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
};
