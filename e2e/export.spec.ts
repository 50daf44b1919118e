import type { Download, Page } from "@playwright/test";
import { expect, signedInTo, test } from "@/e2e/fixtures";

/** Members export (issue 12): the list's order and search, streamed, the cap stated beside the link and in the name. */
const indiaToday = () => new Date(Date.now() + 5.5 * 3_600_000).toISOString().slice(0, 10);

async function fetchCsv(page: Page): Promise<{ name: string; lines: string[] }> {
  const [download]: [Download, void] = await Promise.all([page.waitForEvent("download"), page.getByTestId("members-export").click()]);
  const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  expect(text.startsWith("\uFEFFmembership_no,name,")).toBe(true);
  return { name: download.suggestedFilename(), lines: text.slice(1).trimEnd().split("\r\n") };
}

test("leadership downloads the members list newest first, as the screen shows it, with the cap stated and no trailer row", async ({ page: browserPage }) => {
  test.slow();
  const page = await signedInTo(browserPage, "pcc", "/members");
  const note = page.getByTestId("members-export-note");
  await expect(note).toContainText("newest first");
  await expect(note).toContainText("At most 1,00,000 rows");
  await expect(note).toContainText("first-100000");
  await expect(page.getByTestId("members-export")).toHaveAttribute("href", "/members/export");

  const firstOnScreen = (await page.getByTestId("member-row").locator("a").allTextContents()).map((s) => s.trim());
  const { name, lines } = await fetchCsv(page);
  // The seeded list is shorter than the cap: the name carries no cap.
  expect(name).toBe(`members-${indiaToday()}.csv`);
  const numbers = lines.slice(1).map((l) => l.split(",")[0]!);
  expect(numbers.length).toBeGreaterThan(firstOnScreen.length);
  // The file's first rows are the screen's first page (sign-ups by other specs may come before both: compare from the screen's first).
  const start = numbers.indexOf(firstOnScreen[0]!);
  expect(start).toBeGreaterThanOrEqual(0);
  expect(numbers.slice(start, start + firstOnScreen.length)).toEqual(firstOnScreen);
  // Newest first: membership numbers' sequence falls; every line is a member, the last one too.
  const seq = numbers.map((n) => Number(n.split("-")[1]));
  expect(seq).toEqual([...seq].sort((a, b) => b - a));
  expect(lines.every((l, i) => i === 0 || /^CG[0-9]{2}-[0-9]{7},/.test(l))).toBe(true);
});

test("the download keeps the list's order and search", async ({ page: browserPage }) => {
  const page = await signedInTo(browserPage, "pcc", "/members");
  await page.goto("/members?sort=old");
  await expect(page.getByTestId("members-export")).toHaveAttribute("href", "/members/export?sort=old");
  await expect(page.getByTestId("members-export-note")).toContainText("oldest first");
  const firstOnScreen = (await page.getByTestId("member-row").locator("a").allTextContents()).map((s) => s.trim());
  const old = await fetchCsv(page);
  expect(old.name).toBe(`members-by-old-${indiaToday()}.csv`);
  expect(old.lines.slice(1, firstOnScreen.length + 1).map((l) => l.split(",")[0])).toEqual(firstOnScreen);

  const one = firstOnScreen[0]!;
  await page.goto(`/members?q=${one}`);
  await expect(page.getByTestId("members-export")).toHaveAttribute("href", `/members/export?q=${one}`);
  const found = await fetchCsv(page);
  expect(found.lines.slice(1).map((l) => l.split(",")[0])).toEqual([one]);
});
