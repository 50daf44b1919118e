/**
 * Reads from the standby, and reading one's own writes (issue 14, part 3), through the cluster's load balancer.
 *
 * The standby is made to lag on purpose (`recovery_min_apply_delay`, so it replays each commit DELAY_SECONDS
 * late) — on an idle local cluster it would be a few milliseconds behind and a reader of the standby could not
 * be told from a reader of the primary. Then a district president sets a target, and:
 *   - they see it at once on every next page, through HAProxy and through each app process directly, the
 *     overview included: their
 *     reads go to the primary until the standby has replayed their write (the cookie of lib/reads.ts; without
 *     it the same session reads the old target);
 *   - another session of the same district, which has written nothing, still sees the old target (its reads go
 *     to the standby), and once the standby is more than a few seconds behind the page says so;
 *   - once the standby has replayed the write, the other session sees it too.
 */
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { DEMO_PASSWORD, indian, signIn, USERS } from "@/e2e/fixtures";
import { APPS, DATABASE, HOST, NODES } from "@/scripts/cluster/layout";

const DELAY_SECONDS = 15;

async function onStandby<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  for (const node of NODES) {
    const client = new pg.Client({ connectionString: `postgres://postgres@${HOST}:${node.port}/${DATABASE}` });
    try {
      await client.connect();
      const { rows } = await client.query<{ standby: boolean }>("SELECT pg_is_in_recovery() AS standby");
      if (rows[0]?.standby) return await run(client);
    } catch {
      // A node that does not answer is not the standby.
    } finally {
      await client.end().catch(() => {});
    }
  }
  throw new Error("no node of the cluster is in hot standby");
}

const setDelay = (value: string | null) =>
  onStandby(async (c) => {
    await c.query(value === null ? "ALTER SYSTEM RESET recovery_min_apply_delay" : `ALTER SYSTEM SET recovery_min_apply_delay = '${value}'`);
    await c.query("SELECT pg_reload_conf()");
  });

test.afterAll(async () => {
  await setDelay(null);
});

/** The Tilda block's target as /targets prints it, read once (no retrying: the first answer is the one that counts). */
async function tildaTarget(page: Page, url = "/targets"): Promise<string> {
  const res = await page.goto(url);
  expect(res?.status(), url).toBe(200);
  return (await page.getByTestId("targets-block").getByRole("row", { name: /Tilda/ }).getByTestId("current-target").textContent())!.trim();
}

const overviews = APPS.map((a) => `http://${HOST}:${a.port}/`);

/** Sets the Tilda block's target on /targets and waits for the page to confirm it. */
async function saveTilda(page: Page, value: string): Promise<void> {
  await page.goto("/targets");
  const row = page.getByTestId("targets-block").getByRole("row", { name: /Tilda/ });
  await row.getByRole("textbox").fill(value.replace(/,/g, ""));
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByText("Target saved.")).toBeVisible();
  await expect(row.getByTestId("current-target")).toHaveText(value);
}

/** The Tilda block's target on the district president's overview. */
async function overviewTarget(page: Page, url: string): Promise<string> {
  const res = await page.goto(url);
  expect(res?.status(), url).toBe(200);
  return (await page.getByTestId("table-block").getByRole("row", { name: /Tilda/ }).locator('td[data-col="target"]').textContent())!.trim();
}

test("a writer reads their target at once on every app process; another session reads the lagging standby and is told so", async ({ browser }) => {
  const writer = await (await browser.newContext()).newPage();
  const reader = await (await browser.newContext()).newPage();
  await signIn(writer, USERS.raipur, DEMO_PASSWORD, "/targets");
  await signIn(reader, USERS.raipur, DEMO_PASSWORD, "/targets");
  await expect(writer.getByTestId("viewer-name")).toBeVisible({ timeout: 30_000 });
  await expect(reader.getByTestId("viewer-name")).toBeVisible({ timeout: 30_000 });
  // A target to start from, set while the standby keeps up: both sessions soon agree on it.
  const target = () => indian(4_000 + Math.floor(Math.random() * 90_000));
  const before = target();
  await saveTilda(writer, before);
  await expect.poll(() => tildaTarget(reader), { timeout: 30_000 }).toBe(before);

  await setDelay(`${DELAY_SECONDS}s`);
  let value = target();
  while (value === before) value = target();
  // The commit comes after this moment, so the standby replays it no sooner than DELAY_SECONDS after it.
  const clickedAt = Date.now();
  await saveTilda(writer, value);

  // The writer's next pages, wherever they are served, show the write: through HAProxy, and each app process.
  for (const url of ["/targets", "/targets", ...APPS.map((a) => `http://${HOST}:${a.port}/targets`)]) {
    expect(await tildaTarget(writer, url), url).toBe(value);
  }
  // The overview too, on each process (its rollups are shared for a few seconds, but not with the writer: their
  // keys carry the write's position until the cookie expires).
  for (const url of overviews) expect(await overviewTarget(writer, url), url).toBe(value);
  // It is the write's cookie that sends them to the primary: without it, the same session reads the standby.
  const context = writer.context();
  expect((await context.cookies()).some((c) => c.name === "sadasyata-wrote")).toBe(true);
  await context.clearCookies({ name: "sadasyata-wrote" });
  const withoutCookie = await tildaTarget(writer);
  expect(Date.now() - clickedAt, "the checks above outlasted the standby's delay: the machine is too slow for this test").toBeLessThan(DELAY_SECONDS * 1000);
  expect(withoutCookie).toBe(before);

  // The other session reads the standby, which has not replayed the write yet; once the standby is more than a
  // few seconds behind, the page says so.
  let noted = false;
  while (!noted && Date.now() - clickedAt < (DELAY_SECONDS - 1) * 1000) {
    const shown = await tildaTarget(reader);
    if (Date.now() - clickedAt < DELAY_SECONDS * 1000) expect(shown).toBe(before);
    noted = (await reader.getByTestId("read-lag").count()) === 1;
    if (!noted) await reader.waitForTimeout(500);
  }
  expect(noted, "the page never said the standby was behind").toBe(true);
  await expect(reader.getByTestId("read-lag")).toContainText("seconds behind");

  // The standby replays the write after the delay: the other session sees it too.
  await expect.poll(() => tildaTarget(reader), { timeout: (DELAY_SECONDS + 20) * 1000, intervals: [1000] }).toBe(value);
});
