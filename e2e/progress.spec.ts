import { readFileSync } from "node:fs";
import { expect, expected, indian, test } from "@/e2e/fixtures";

/** A small CSV reader for the exports (quoted cells, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n") {
      row.push(cell.replace(/\r$/, ""));
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

test("leadership drills state → Lok Sabha seat → assembly seat → booth and back", async ({ signedInAs }) => {
  const page = await signedInAs("pcc");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overview");
  const pcLink = page.getByTestId("table-pc").locator("tbody").getByRole("link").first();
  const pcName = (await pcLink.textContent())!;
  const pcMembers = await page.getByTestId("table-pc").getByRole("row", { name: pcName }).locator('td[data-col="members"]').textContent();
  await pcLink.click();
  await expect(page).toHaveURL(/\/lok-sabha\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Lok Sabha seat");
  // The seat's own page shows the number its row showed on the state's page.
  await expect(page.getByTestId("total-members")).toHaveText(pcMembers!);

  const acLink = page.getByTestId("table-ac").locator("tbody").getByRole("link").first();
  const acMembers = await page.getByTestId("table-ac").getByRole("row", { name: (await acLink.textContent())! }).locator('td[data-col="members"]').textContent();
  await acLink.click();
  await expect(page).toHaveURL(/\/assembly\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Assembly seat");
  await expect(page.getByTestId("total-members")).toHaveText(acMembers!);
  // Both ways: the seat shows its Lok Sabha seat and the district(s) it lies in.
  await expect(page.getByTestId("crumbs-electoral").getByRole("link", { name: /Chhattisgarh/ })).toBeVisible();
  await expect(page.getByTestId("crumbs-districts").getByRole("link")).not.toHaveCount(0);

  const boothLink = page.getByTestId("table-booth").locator("tbody").getByRole("link").first();
  await boothLink.click();
  await expect(page).toHaveURL(/\/booths\/\d{3}-\d{3,4}$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Booth");
  await expect(page.getByTestId("crumbs-organisational").getByRole("link")).toHaveCount(3);

  // And back up, through the breadcrumbs.
  await page.getByTestId("crumbs-electoral").getByRole("link").nth(2).click();
  await expect(page).toHaveURL(/\/assembly\/\d+$/);
  await page.getByTestId("crumbs-electoral").getByRole("link").nth(1).click();
  await expect(page).toHaveURL(/\/lok-sabha\/\d+$/);
  await page.getByTestId("crumbs-electoral").getByRole("link", { name: /Chhattisgarh/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overview");
  await expect(page.getByTestId("total-members")).toHaveText(indian(expected().members));
});

test("an assembly seat in two districts shows its part in each, adding up to the seat", async ({ signedInAs }) => {
  const page = await signedInAs("pcc");
  await page.goto("/assembly/1");
  await expect(page.getByTestId("crumbs-districts").getByRole("link")).toHaveCount(2);
  await page.getByRole("link", { name: "Parts in each district" }).click();
  const cells = page.getByTestId("table-district").locator('tbody td[data-col="members"]');
  await expect(cells).toHaveCount(2);
  const parts = (await cells.allTextContents()).map((s) => Number(s.replace(/,/g, "")));
  const total = Number((await page.getByTestId("total-members").textContent())!.replace(/,/g, ""));
  expect(parts[0]! + parts[1]!).toBe(total);
});

test("a district president's overview shows only their district, and another district is 404", async ({ signedInAs }) => {
  const page = await signedInAs("raipur");
  const e = expected();
  await expect(page.getByTestId("total-members")).toHaveText(indian(e.raipur_members));
  await expect(page.getByTestId("total-booths")).toHaveText(indian(e.raipur_booths));
  // Their district's blocks, and only their booths.
  await expect(page.getByTestId("table-block").getByRole("link", { name: "Tilda" })).toBeVisible();
  await page.goto("/districts");
  await expect(page.getByTestId("list-district").locator("tbody tr")).toHaveCount(1);
  await expect(page.getByTestId("list-district").getByRole("link", { name: "Raipur" })).toBeVisible();

  for (const path of ["/districts/durg", "/districts/bastar", "/lok-sabha/1", "/assembly/1", "/districts/no-such-district"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not found");
  }
  // Their own district's page opens.
  const own = await page.goto("/districts/raipur");
  expect(own?.status()).toBe(200);
  const csv = await page.request.get("/api/export/progress?level=district&key=durg&table=booth");
  expect(csv.status()).toBe(404);
});

test("a target edit shows at once on the overview and in the audit trail", async ({ signedInAs }) => {
  const page = await signedInAs("raipur");
  await page.goto("/targets");
  const row = page.getByTestId("targets-block").getByRole("row", { name: /Tilda/ });
  const input = row.getByRole("textbox");

  // Bad input: a clear message next to the field, nothing saved.
  await input.fill("12.5");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByText("Enter a whole number, like 12500.")).toBeVisible();
  await expect(input).toHaveAttribute("aria-invalid", "true");

  const value = 4_000 + Math.floor(Math.random() * 90_000);
  await input.fill(String(value));
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByText("Target saved.")).toBeVisible();
  await expect(row.getByTestId("current-target")).toHaveText(indian(value));
  // The change is in the audit trail (read back from audit_events).
  await expect(page.getByTestId("recent-changes").locator("li").first()).toContainText(`to ${indian(value)}`);
  await expect(page.getByTestId("recent-changes").locator("li").first()).toContainText("Tilda");

  await page.goto("/");
  const block = page.getByTestId("table-block").getByRole("row", { name: /Tilda/ });
  await expect(block.locator('td[data-col="target"]')).toHaveText(indian(value));
});

test("a district's booths on /targets come a page at a time, searched and filtered by block in the URL", async ({ signedInAs }) => {
  const page = await signedInAs("raipur");
  await page.goto("/targets");
  const booths = page.getByTestId("targets-booth");
  const rows = booths.locator('tr[data-testid^="target-row-booth-"]');
  await expect(rows).toHaveCount(25);
  const pager = booths.getByTestId("pager");
  await expect(pager).toHaveText(/^1–25 of [\d,]+$/);
  const firstCode = (await rows.first().getAttribute("data-testid"))!.replace("target-row-booth-", "");

  // The next page: other booths, in code order after the first page's. What was typed (not saved) in a row
  // stays with that booth's row, not with the row in its place on the next page.
  await rows.first().getByRole("textbox").fill("123");
  await booths.getByRole("link", { name: /Next/ }).click();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(pager).toHaveText(/^26–50 of /);
  await expect(rows.first().getByRole("textbox")).toHaveValue("");
  const secondCode = (await rows.first().getAttribute("data-testid"))!.replace("target-row-booth-", "");
  expect(secondCode > firstCode).toBe(true);

  // A search by code as typed, without the leading zero, finds that booth first. (No target is saved here:
  // the edit test reads the latest change of the audit trail.)
  await booths.getByLabel("Booth code or name").fill(secondCode.replace(/^0+/, ""));
  await booths.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(rows.first()).toHaveAttribute("data-testid", `target-row-booth-${secondCode}`);
  await expect(rows.first().locator("form")).toBeVisible();

  // A block: every booth listed lies in it; clearing the filters lists the whole district again.
  await booths.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).not.toHaveURL(/[?&]q=/);
  await expect(booths.getByLabel("Booth code or name")).toHaveValue("");
  const block = booths.getByLabel("Block");
  const option = await block.locator("option").nth(1).textContent();
  await block.selectOption({ label: option! });
  await booths.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]block=\d+/);
  const parents = await rows.locator('td[data-col="parent"]').allTextContents();
  expect(parents.length).toBeGreaterThan(0);
  expect(new Set(parents)).toEqual(new Set([option]));
  // Clearing shows the whole district and the form says so (no block left selected for the next Apply).
  await booths.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).not.toHaveURL(/block=/);
  await expect(block).toHaveValue("");
  await expect(pager).toHaveText(/^1–25 of /);
  // Nothing matches: said so, no pager.
  await page.goto("/targets?q=no-such-booth-anywhere#targets-booth");
  await expect(booths.getByText("No rows match.")).toBeVisible();
  await expect(pager).toHaveCount(0);
});

test("a CSV export downloads with a header row and the same totals as the page", async ({ signedInAs }) => {
  const page = await signedInAs("pcc");
  await page.goto("/districts");
  const pageTotal = await page.getByTestId("list-district-total").locator('td[data-col="members"]').textContent();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
  const text = readFileSync((await download.path())!, "utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const [header, ...rows] = parseCsv(text.slice(1)).filter((r) => r.length > 1);
  expect(header).toEqual(expect.arrayContaining(["code", "name", "name_hi", "members", "target", "booths"]));
  expect(rows).toHaveLength(33);
  const col = header!.indexOf("members");
  const sum = rows.reduce((a, r) => a + Number(r[col]), 0);
  // Plain numbers in the file, Indian grouping on the page, the same total.
  expect(rows.every((r) => /^\d+$/.test(r[col]!))).toBe(true);
  expect(indian(sum)).toBe(pageTotal);
  expect(sum).toBe(expected().members);
  expect(rows.some((r) => /[\u0900-\u097F]/.test(r[header!.indexOf("name_hi")]!))).toBe(true);
});

test("the overview's headline refreshes from the live route without a reload", async ({ signedInAs }) => {
  const page = await signedInAs("pcc");
  await page.clock.install();
  await page.goto("/");
  const live = page.getByTestId("live-headline");
  const first = await live.getAttribute("data-as-of");
  const response = page.waitForResponse((r) => r.url().includes("/api/progress/summary") && r.status() === 200);
  await page.clock.fastForward("00:31");
  const body = (await (await response).json()) as { members: number; today: number };
  await expect(live).not.toHaveAttribute("data-as-of", first!);
  await expect(page.getByTestId("total-members")).toHaveText(indian(body.members));
  await expect(page.getByTestId("today-signups")).toHaveText(indian(body.today));
  expect(body.members).toBe(expected().members);
});

test.describe("on a 360 px phone", () => {
  test.use({ viewport: { width: 360, height: 780 } });

  test("the overview has no horizontal page scroll", async ({ signedInAs }) => {
    const page = await signedInAs("pcc");
    await expect(page.getByTestId("total-members")).toBeVisible();
    // The pace chart is in the server's HTML; wait for it before measuring.
    await expect(page.getByTestId("pace-chart").locator("svg")).toBeVisible();
    for (const path of ["/", "/districts/raipur", "/assembly", "/targets"]) {
      if (path !== "/") await page.goto(path);
      await page.waitForLoadState("networkidle");
      const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
      expect(scroll, path).toBeLessThanOrEqual(width);
    }
  });
});
