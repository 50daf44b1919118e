import type { Page } from "@playwright/test";

/**
 * Opens a /verify page, waiting out the per-address limit when it answers "too many checks". Every e2e
 * request comes from 127.0.0.1, so the limit test in verify.spec.ts uses up that address's window for other
 * specs too; they wait for the window (VERIFY_WINDOW_SECONDS) to pass rather than fail.
 */
export async function openVerify(page: Page, url: string, maxWaitMs = 75_000): Promise<void> {
  const deadline = Date.now() + maxWaitMs;
  for (;;) {
    const res = await page.goto(url);
    if (res?.status() !== 200) throw new Error(`${url} answered ${res?.status()}`);
    if ((await page.getByTestId("verify-too-many").count()) === 0) return;
    if (Date.now() > deadline) throw new Error(`${url} stayed rate-limited for ${maxWaitMs} ms`);
    await page.waitForTimeout(2_000);
  }
}

/** The part of an absolute link after its origin, to open it on the server under test. */
export const pathOf = (link: string) => {
  const u = new URL(link);
  return `${u.pathname}${u.search}`;
};
