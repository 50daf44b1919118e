import { expect, indian, num, signedInTo, test } from "@/e2e/fixtures";

test("the IT-cell head appoints a booth member and coverage rises by exactly one booth", async ({ page: browserPage }) => {
  // Seven page loads on a shared 2-core machine.
  test.slow();
  const page = await signedInTo(browserPage, "itcell", "/coverage");
  // A vacant booth from the end of the list (the first ones are left to other tests).
  await page.goto("/it-cell?tab=booths&show=vacant&sort=code&dir=desc");
  const row = page.getByTestId("booth-posts").locator("tbody tr").nth(3);
  const code = ((await row.locator("th a").first().textContent()) ?? "").trim();
  const acNo = Number(code.slice(0, 3));

  await page.goto("/coverage?by=ac");
  const acRow = page.getByTestId(`coverage-row-ac-${acNo}`);
  const acBefore = num(await acRow.getByTestId("covered").textContent());
  const totalBefore = num(await page.getByTestId("coverage-covered").textContent());

  await page.goto(`/it-cell/member/booth/${code}`);
  const form = page.getByTestId("appoint-form");
  await form.getByLabel("Name", { exact: true }).fill("Booth Member E2E");
  await form.getByLabel("Mobile number", { exact: true }).fill(`7${String(Date.now() % 1_000_000_000).padStart(9, "0")}`);
  await form.getByRole("button", { name: "Appoint" }).click();
  await expect(page.getByTestId("current-holder")).toContainText("Booth Member E2E");
  // A second appointment to the same single-holder post is refused (the form is gone; the post is held).
  await expect(page.getByTestId("appoint-form")).toHaveCount(0);

  await page.goto("/coverage?by=ac");
  await expect(page.getByTestId(`coverage-row-ac-${acNo}`).getByTestId("covered")).toHaveText(indian(acBefore + 1));
  await expect(page.getByTestId("coverage-covered")).toHaveText(indian(totalBefore + 1));
  await expect(page.getByTestId(`uncovered-${code}`)).toHaveCount(0);

  // Leave the shared database's coverage as the seed made it (other specs compare against the seeded figure).
  await page.goto(`/it-cell/member/booth/${code}`);
  await page.getByRole("button", { name: "End post (Booth Member E2E)" }).click();
  await page.getByRole("form", { name: "End Booth Member E2E's post" }).getByLabel("Reason").fill("End of the e2e test");
  await page.getByRole("button", { name: "Yes, end the post" }).click();
  await expect(page.getByTestId("post-vacant")).toBeVisible();
  await expect(page.getByTestId("history-row").first()).toContainText("End of the e2e test");
});

test("coverage shows the seats as tiles, sorts its table, and downloads the uncovered booths", async ({ page: browserPage }) => {
  test.slow();
  const page = await signedInTo(browserPage, "raipur", "/coverage");
  await page.goto("/coverage");
  // A district president sees their district's seats and blocks, not the state's Lok Sabha seats.
  await expect(page.getByRole("link", { name: "Lok Sabha seat", exact: true })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Assembly seat", exact: true })).toBeVisible();
  await expect(page.getByTestId("coverage-tiles").locator("li").first()).toBeVisible();
  await expect(page.getByTestId("coverage-chart").locator("svg").first()).toBeVisible();
  // The map, or (before an administrator uploads boundaries, e2e/coverage-map.spec.ts) a plain sentence: never a command.
  await expect(page.getByTestId("no-map").or(page.getByTestId("coverage-map"))).toBeVisible();
  await expect(page.getByText(/npm run/)).toHaveCount(0);
  await expect(page.getByTestId("boundary-upload")).toHaveCount(0);
  // A tile's percent is readable text: at least 12 px.
  const percent = page.getByTestId("coverage-tiles").locator("li a span").nth(1);
  await expect(percent).toHaveText(/%$/);
  expect(parseFloat(await percent.evaluate((el) => getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(12);

  const shares = async () =>
    page
      .getByTestId("coverage-table-ac")
      .locator("tbody tr td:last-child")
      .allTextContents()
      .then((xs) => xs.map((x) => Number(x.replace("%", ""))));
  const asc = await shares();
  expect(asc).toEqual([...asc].sort((a, b) => a - b));
  await page.getByRole("link", { name: "Sort by Coverage" }).click();
  await expect(page).toHaveURL(/dir=desc/);
  const desc = await shares();
  expect(desc).toEqual([...desc].sort((a, b) => b - a));

  const uncovered = num(await page.getByTestId("coverage-uncovered").textContent());
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
  // Named with the campaign's day in India, as the app dates everything (not the UTC day).
  const indiaToday = new Date(Date.now() + 5.5 * 3_600_000).toISOString().slice(0, 10);
  expect(download.suggestedFilename()).toBe(`uncovered-booths-${indiaToday}.csv`);
  const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  expect(text.startsWith("\uFEFFbooth_code,booth_name,booth_name_hi,ac_no")).toBe(true);
  expect(text.trimEnd().split("\r\n")).toHaveLength(uncovered + 1);
});

test("coverage is scoped and readable at 360 px", async ({ page: browserPage }) => {
  const page = await signedInTo(browserPage, "itcell", "/coverage");
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/coverage");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Booth coverage");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const res = await page.request.get("/coverage/export?district=no-such-district");
  expect(res.status()).toBe(404);
});

test("a page that is not found has one main landmark, inside the dashboard and outside it", async ({ page: browserPage }) => {
  const page = await signedInTo(browserPage, "raipur", "/coverage");
  // Inside the dashboard (a page's notFound()): the shell's <main> holds the message.
  expect((await page.goto("/districts/no-such-district"))?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toBeVisible();
  await expect(page.locator("main")).toHaveCount(1);
  await expect(page.getByRole("main")).toHaveCount(1);
  // An address no route knows.
  expect((await page.goto("/no-such-page-at-all"))?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toBeVisible();
  await expect(page.locator("main")).toHaveCount(1);
});
