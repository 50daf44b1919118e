/**
 * "I did not join" and "Was I enrolled?" (issue 11, item 3) work in a browser WITHOUT JavaScript: both are plain
 * forms that post to a route and land, by a 303, on a page. A disown with the right suffix and one with a wrong
 * suffix answer exactly alike (status and Location); the EPIC typed into "Was I enrolled?" never appears in a
 * URL. A voided member verifies as "not valid" (PostgreSQL only: the spec voids it with SQL).
 */
import { randomBytes } from "node:crypto";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { baseURL } from "@/playwright.config";
import { dbClient, expect, test } from "@/e2e/fixtures";
import { openVerify } from "@/e2e/verify-helpers";

test.describe.configure({ timeout: 120_000 });

const RAIPUR_BOOTH = "049-001";

/** A new member through the enrolment API (no sign-in): its number and the EPIC it was enrolled with. */
async function enrolMember(request: APIRequestContext): Promise<{ no: string; epic: string; cardUrl: string }> {
  const epic = `DSW${String(Date.now() % 10_000).padStart(4, "0")}${String(Math.floor(Math.random() * 1000)).padStart(3, "0")}`;
  const res = await request.post("/api/v1/members", {
    headers: { "content-type": "application/json", authorization: "Bearer demo-token-raipur", "idempotency-key": randomBytes(12).toString("hex") },
    data: JSON.stringify({
      epic,
      name: "Rekha Sahu",
      gender: "F",
      age: 38,
      phone: "9876505678",
      address: "Ward 3",
      religion: "Hindu",
      caste: "Sahu",
      casteCategory: "OBC",
      boothCode: RAIPUR_BOOTH,
      consent: true,
      consentVersion: "v1",
    }),
  });
  expect(res.status(), await res.text()).toBe(201);
  const json = (await res.json()) as { membershipNo: string; cardUrl: string };
  return { no: json.membershipNo, epic, cardUrl: json.cardUrl };
}

/** A browser page with JavaScript switched off: what the forms must work in. */
async function noScriptPage(browser: Browser, locale?: "hi"): Promise<Page> {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  if (locale) await context.addCookies([{ name: "lang", value: locale, url: baseURL }]);
  return context.newPage();
}

test("without JavaScript: 'I did not join' lands on the thank-you page; a right and a wrong suffix answer alike", async ({ browser, request }) => {
  const m = await enrolMember(request);
  const page = await noScriptPage(browser);
  try {
    await openVerify(page, `/verify/${m.no}`);
    await expect(page.getByTestId("verify-valid")).toBeVisible();
    const form = page.getByTestId("disown-form");
    await expect(form.getByLabel("Membership number")).toHaveValue(m.no);
    await form.getByLabel(/Last four characters/).fill(m.epic.slice(-4));
    await form.getByRole("button", { name: "Report: I did not join" }).click();
    await expect(page).toHaveURL(/\/verify\/disowned$/);
    await expect(page.getByTestId("disown-thanks")).toContainText("If these details match a membership, it has been marked for review.");

    // A wrong suffix: the same page.
    await page.goto("/verify");
    const empty = page.getByTestId("disown-form");
    await empty.getByLabel("Membership number").fill(m.no);
    await empty.getByLabel(/Last four characters/).fill(m.epic.slice(-4) === "0000" ? "0001" : "0000");
    await empty.getByRole("button", { name: "Report: I did not join" }).click();
    await expect(page).toHaveURL(/\/verify\/disowned$/);
    await expect(page.getByTestId("disown-thanks")).toBeVisible();
  } finally {
    await page.context().close();
  }

  // On the wire: the same status, Location and header names for a match, a mismatch and an unknown number.
  const other = await enrolMember(request);
  const post = (membershipNo: string, epicSuffix: string) => request.post("/api/verify/disown", { form: { membershipNo, epicSuffix }, maxRedirects: 0 });
  const answers = await Promise.all([
    post(other.no, other.epic.slice(-4)),
    post(other.no, other.epic.slice(-4) === "9999" ? "9998" : "9999"),
    post("CG26-9999991", "1234"),
  ]);
  const shape = (r: (typeof answers)[number]) => ({
    status: r.status(),
    location: r.headers().location,
    headers: Object.keys(r.headers()).filter((k) => k !== "date").sort(),
  });
  expect(shape(answers[0]!)).toEqual({ status: 303, location: "/verify/disowned", headers: expect.any(Array) });
  expect(shape(answers[1]!)).toEqual(shape(answers[0]!));
  expect(shape(answers[2]!)).toEqual(shape(answers[0]!));
  // A form posted from another site is refused.
  const cross = await request.post("/api/verify/disown", { form: { membershipNo: other.no, epicSuffix: other.epic.slice(-4) }, headers: { origin: "https://evil.example" }, maxRedirects: 0 });
  expect(cross.status()).toBe(403);

  const db = await dbClient();
  if (db) {
    try {
      const { rows } = await db.query<{ membership_no: string; standing: string; status: string | null }>(
        `SELECT m.membership_no, m.standing, f.status FROM members m LEFT JOIN member_flags f ON f.member_id = m.id AND f.reason = 'disowned'
         WHERE m.membership_no = ANY($1) ORDER BY m.membership_no`,
        [[m.no, other.no]],
      );
      expect(rows).toEqual([
        { membership_no: m.no, standing: "review", status: "open" },
        { membership_no: other.no, standing: "review", status: "open" },
      ].sort((a, b) => a.membership_no.localeCompare(b.membership_no)));
    } finally {
      await db.end();
    }
  }
});

test("without JavaScript: 'Was I enrolled?' shows the enrolment date and seat for a member's EPIC (never in the URL), and 'no membership' for an unknown one", async ({ browser, request }) => {
  const m = await enrolMember(request);
  const page = await noScriptPage(browser);
  try {
    await page.goto("/verify");
    await page.getByTestId("enrolled-form").getByLabel("Voter-card (EPIC) number").fill(m.epic.toLowerCase());
    await page.getByRole("button", { name: "Check" }).click();
    await expect(page).toHaveURL(/\/verify\/enrolled$/);
    expect(page.url()).not.toContain(m.epic);
    await expect(page.getByTestId("enrolled-found")).toBeVisible();
    // Today (India time) and assembly seat 49, never the name.
    const today = new Intl.DateTimeFormat("en-IN", { timeZone: "Asia/Kolkata", day: "numeric" }).format(new Date());
    await expect(page.getByTestId("enrolled-date")).toContainText(today);
    await expect(page.getByTestId("enrolled-ac")).toContainText("49");
    expect(await page.content()).not.toContain("Rekha");
    // The disown form comes filled in; sending it lands on the thank-you page.
    const form = page.getByTestId("disown-form");
    await expect(form.getByLabel("Membership number")).toHaveValue(m.no);
    await expect(form.getByLabel(/Last four characters/)).toHaveValue(m.epic.slice(-4));
    await form.getByRole("button", { name: "Report: I did not join" }).click();
    await expect(page.getByTestId("disown-thanks")).toBeVisible();

    await page.goto("/verify");
    await page.getByTestId("enrolled-form").getByLabel("Voter-card (EPIC) number").fill("ZZZ9999990");
    await page.getByRole("button", { name: "Check" }).click();
    await expect(page).toHaveURL(/\/verify\/enrolled$/);
    await expect(page.getByTestId("enrolled-none")).toContainText("No membership was found for this voter card.");
  } finally {
    await page.context().close();
  }
  // Opened directly (no answer sealed for this browser): the form again, nothing else.
  const fresh = await noScriptPage(browser);
  try {
    await fresh.goto("/verify/enrolled");
    await expect(fresh.getByTestId("enrolled-expired")).toBeVisible();
    await expect(fresh.getByTestId("enrolled-form")).toBeVisible();
  } finally {
    await fresh.context().close();
  }
});

test("a voided member verifies as 'not valid' in English and Hindi, and its card says so (PostgreSQL)", async ({ browser, request }) => {
  const db = await dbClient();
  test.skip(!db, "voids the member with SQL, which needs the PostgreSQL e2e database");
  const m = await enrolMember(request);
  const cardPath = `${new URL(m.cardUrl).pathname}${new URL(m.cardUrl).search}`;
  expect((await request.get(cardPath)).status()).toBe(200);
  try {
    await db!.query(
      `UPDATE members SET standing = 'void', voided_at = now(), erased_at = now(), name = NULL, relative_name = NULL, phone = NULL, address = NULL,
         religion = NULL, caste = NULL, photo = NULL, epic = 'ERASED-' || id::text WHERE membership_no = $1`,
      [m.no],
    );
  } finally {
    await db!.end();
  }
  const page = await noScriptPage(browser);
  const hi = await noScriptPage(browser, "hi");
  try {
    // Every spec comes from 127.0.0.1: wait out the per-address verify limit if another spec used it up.
    await openVerify(page, `/verify/${m.no}`);
    await expect(page.getByTestId("verify-not-valid")).toContainText("This membership is not valid.");
    await expect(page.getByTestId("verify-valid")).toHaveCount(0);
    await openVerify(hi, `/verify/${m.no}`);
    await expect(hi.getByTestId("verify-not-valid")).toContainText("यह सदस्यता मान्य नहीं है।");
    // The card's signed link: no card, "not valid" (410); the same path unsigned still says only "not found".
    const card = await request.get(cardPath);
    expect(card.status()).toBe(410);
    expect(await card.text()).toContain("This membership is not valid.");
    expect((await request.get(new URL(m.cardUrl).pathname)).status()).toBe(404);
  } finally {
    await page.context().close();
    await hi.context().close();
  }
});
