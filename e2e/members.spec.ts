import jsQR from "jsqr";
import { PNG } from "pngjs";
import type { Page } from "@playwright/test";
import { baseURL } from "@/playwright.config";
import { dbClient, expect, test } from "@/e2e/fixtures";
import { raipurBooth, rand, uniqueEpic } from "@/e2e/members-helpers";
import { openVerify, pathOf } from "@/e2e/verify-helpers";

/**
 * Members: paper-book entry, search with masking, reveal with its audit event, the card, public verification
 * and erasure — and another district's user refused at each. Other specs write to the same database at the
 * same time, so every test makes its own member in a booth of its own and compares only what it owns.
 */

// Typing whole book entries on a shared 2-core machine can take a while; allow it.
test.describe.configure({ timeout: 180_000 });

// The first request to a fresh server compiles and opens the database; let that not count against sign-in.
test.beforeAll(async ({ request }) => {
  await request.get("/login", { timeout: 120_000 });
});

interface Entry {
  bookNo: string;
  pageNo: string;
  booth: string;
  epic: string;
  name: string;
}

/**
 * Types one book entry with the keyboard only, in the book's order (name first; Tab between fields, letters
 * pick options, Space ticks the consent, Enter saves). The desk remembers the tab's last book, page and booth,
 * so they are typed over (Control+A) rather than after what is there.
 */
async function typeEntry(page: Page, e: Entry, opts: { keepBook?: boolean } = {}) {
  if (!opts.keepBook) {
    await page.getByLabel("Book number").focus();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type(e.bookNo);
    await page.keyboard.press("Tab");
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type(e.pageNo);
    await page.keyboard.press("Tab");
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type(e.booth);
    await expect(page.getByTestId("booth-chosen")).toContainText(e.booth);
    await page.keyboard.press("Tab");
  }
  await expect(page.getByLabel("Name", { exact: true })).toBeFocused();
  await page.keyboard.type(e.name);
  await page.keyboard.press("Tab");
  await page.keyboard.type("रामेश्वर त्रिपाठी");
  await page.keyboard.press("Tab");
  await page.keyboard.press("F"); // gender: F · Female
  await page.keyboard.press("Tab");
  await page.keyboard.type("41");
  await page.keyboard.press("Tab");
  await page.keyboard.type(e.epic);
  await page.keyboard.press("Tab");
  await page.keyboard.type("98765 01234");
  await page.keyboard.press("Tab");
  await page.keyboard.type("वार्ड 7, रायपुर");
  await page.keyboard.press("Tab");
  await page.keyboard.press("H"); // religion: H · Hindu
  await page.keyboard.press("Tab");
  await page.keyboard.type("Brahmin");
  await page.keyboard.press("Tab");
  await page.keyboard.press("G"); // category: GEN
  await page.keyboard.press("Tab");
  await page.keyboard.press("Space"); // the member signed the consent
  await page.keyboard.press("Enter"); // saves from any field
}

/** Opens the form and saves one new member; returns its membership number. */
async function addMember(page: Page, name = "श्रीमती क्षमा त्रिपाठी"): Promise<Entry & { no: string }> {
  await page.goto("/members/new");
  const entry = { bookNo: `B${rand(900) + 100}`, pageNo: String(rand(40) + 1), booth: await raipurBooth(page), epic: uniqueEpic(), name };
  await typeEntry(page, entry);
  const saved = page.getByTestId("book-saved");
  await expect(saved).toContainText("Saved. Membership number");
  const no = /CG[0-9]{2}-[0-9]{7,}/.exec((await saved.textContent()) ?? "")?.[0];
  expect(no).toBeTruthy();
  return { ...entry, no: no! };
}

/** A member of another district, as state leadership sees in the list. */
async function memberElsewhere(page: Page): Promise<string> {
  await page.goto("/members?sort=old");
  const rows = page.getByTestId("member-row");
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) {
    if (!(await row.textContent())?.includes("Raipur")) return (await row.getByRole("link").first().textContent())!.trim();
  }
  throw new Error("no member outside Raipur on the first page");
}


test("a book entry typed with the keyboard is saved, counted and found by number and EPIC, masked", async ({ signedInAs }) => {
  const page = await signedInAs("raipur");
  await page.goto("/members/new");
  const booth = await raipurBooth(page);

  // A wrong EPIC is reported next to its field and nothing is saved.
  await typeEntry(page, { bookNo: "B101", pageNo: "4", booth, epic: "AB12", name: "सुनीता साहू" });
  await expect(page.getByTestId("error-epic")).toContainText("three letters and seven digits");
  await expect(page.getByLabel("EPIC (voter card) number")).toHaveAttribute("aria-describedby", /book-epic-error/);
  await expect(page.getByLabel("EPIC (voter card) number")).toBeFocused();
  await expect(page.getByTestId("book-saved")).toHaveCount(0);

  // Corrected, it saves; the form is ready for the next line with book, page and booth kept.
  const epic = uniqueEpic();
  await page.getByLabel("EPIC (voter card) number").fill(epic);
  await page.getByLabel("The member signed the consent in the book").check();
  await page.getByRole("button", { name: "Save entry" }).click();
  const saved = page.getByTestId("book-saved");
  await expect(saved).toContainText("Saved. Membership number");
  const no = /CG[0-9]{2}-[0-9]{7,}/.exec((await saved.textContent()) ?? "")![0];
  await expect(page.getByLabel("Name", { exact: true })).toBeFocused();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("");
  await expect(page.getByLabel("EPIC (voter card) number")).toHaveValue("");
  await expect(page.getByLabel("Book number")).toHaveValue("B101");
  await expect(page.getByLabel("Booth code")).toHaveValue(booth);
  await expect(page.getByTestId("book-card-link")).toHaveAttribute("href", `/members/${no}/card`);

  // The next line of the same page, straight from the name.
  await typeEntry(page, { bookNo: "", pageNo: "", booth, epic: uniqueEpic(), name: "Ramesh Kumar Sahu" }, { keepBook: true });
  await expect(page.getByTestId("book-saved-count")).toContainText("2");

  await page.goto(`/members?q=${no}`);
  const row = page.getByTestId("member-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("सुनीता साहू");
  await expect(row).toContainText("Book");
  await expect(row).toContainText(`${epic.slice(0, 3)}•••${epic.slice(-4)}`);
  await expect(row).toContainText("98•••••234");
  await expect(row).not.toContainText(epic);

  await page.goto(`/members?q=${epic.toLowerCase()}`);
  await expect(page.getByTestId("member-row")).toHaveCount(1);
  await expect(page.getByTestId("member-row")).toContainText(no);
  await expect(page.getByRole("columnheader", { name: /religion|caste/i })).toHaveCount(0);
});

test("revealing a member's personal data shows it and writes an audit event", async ({ signedInAs }) => {
  const page = await signedInAs("raipur");
  const m = await addMember(page, "Kshama Tripathi");
  await page.goto(`/members/${m.no}`);
  await expect(page.getByTestId("member-epic")).toHaveText(`${m.epic.slice(0, 3)}•••${m.epic.slice(-4)}`);
  await expect(page.getByText("Brahmin")).toHaveCount(0);
  await page.getByRole("button", { name: "Reveal personal data" }).click();
  await expect(page.getByTestId("revealed-epic")).toHaveText(m.epic);
  await expect(page.getByTestId("revealed-phone")).toHaveText("9876501234");
  await expect(page.getByTestId("revealed-caste")).toHaveText("Brahmin");
  const audit = await page.getByTestId("reveal-audit").textContent();
  const eventId = Number(/event ([0-9]+)/.exec(audit ?? "")?.[1]);
  expect(eventId).toBeGreaterThan(0);

  const db = await dbClient();
  if (db) {
    try {
      const { rows } = await db.query(
        `SELECT a.action, a.entity_type, m.membership_no, u.email, a.after::text AS after
           FROM audit_events a JOIN users u ON u.id = a.actor_user_id JOIN members m ON m.id::text = a.entity_id
          WHERE a.id = $1`,
        [eventId],
      );
      expect(rows[0]).toMatchObject({ action: "members.reveal", entity_type: "member", membership_no: m.no, email: "raipur@demo.local" });
      expect(rows[0].after).not.toContain(m.epic);
    } finally {
      await db.end();
    }
  }
});

test("the card is a PDF and a PNG whose QR code opens /verify, which works signed out", async ({ signedInAs, browser }) => {
  const page = await signedInAs("raipur");
  const m = await addMember(page);
  const pdf = await page.request.get(`/members/${m.no}/card`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  const pngRes = await page.request.get(`/members/${m.no}/card.png`);
  expect(pngRes.headers()["content-type"]).toBe("image/png");
  const png = PNG.sync.read(await pngRes.body());
  const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  // The signed verification link, on PUBLIC_URL (e2e/serve.ts sets it to the server's own address).
  expect(qr?.data).toMatch(new RegExp(`^${new URL(process.env.PUBLIC_URL || baseURL).origin.replace(/[.]/g, "\\.")}/verify/${m.no}\\?s=[A-Za-z0-9_-]{22}$`));

  const visitor = await browser.newContext();
  try {
    const anon = await visitor.newPage();
    await openVerify(anon, pathOf(qr!.data));
    await expect(anon.getByTestId("verify-valid")).toContainText(m.no);
    await expect(anon.getByTestId("verify-name")).toHaveText("श्री••• क्ष••• त्रि•••");
    await expect(anon.getByTestId("verify-ac")).toContainText(String(Number(m.booth.slice(0, 3))));
    await expect(anon.locator("body")).not.toContainText(m.epic);
    await openVerify(anon, "/verify/CG26-9999999");
    await expect(anon.getByTestId("verify-not-found")).toBeVisible();
    // Signed out, without a signed link, the card is not shown.
    expect((await anon.request.get(`/members/${m.no}/card`)).status()).toBe(404);
  } finally {
    await visitor.close();
  }
});

test("an erased member disappears from search, card and verification while the totals stay", async ({ signedInAs, browser }) => {
  const page = await signedInAs("raipur");
  const m = await addMember(page);
  const total = async () => Number((await page.getByTestId("members-total").textContent())!.replace(/,/g, ""));
  await page.goto(`/members?q=${m.booth}`);
  const boothTotal = await page.getByTestId("booth-total").textContent();
  const totalBefore = await total();

  await page.goto(`/members/${m.no}`);
  await page.getByRole("button", { name: "Erase personal data…" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(`Erase the personal data of ${m.no}?`);
  await dialog.getByLabel(/Reason/).fill("Member's written request dated 27 Nov 2026");
  await dialog.getByRole("button", { name: "Erase permanently" }).click();
  await expect(page).toHaveURL(/\/members\?erased=/);
  await expect(page.getByTestId("erased-notice")).toContainText(m.no);

  await page.goto(`/members?q=${m.no}`);
  await expect(page.getByTestId("members-empty")).toBeVisible();
  await page.goto(`/members?q=${m.epic}`);
  await expect(page.getByTestId("members-empty")).toBeVisible();
  expect((await page.goto(`/members/${m.no}`))?.status()).toBe(404);
  expect((await page.request.get(`/members/${m.no}/card`)).status()).toBe(404);
  expect((await page.request.get(`/members/${m.no}/card.png`)).status()).toBe(404);

  // The booth still counts the member (erasure keeps the anonymous count), and the district's total (from the
  // same counters as the overview) does not drop; other tests may add members meanwhile, never remove them.
  await page.goto(`/members?q=${m.booth}`);
  await expect(page.getByTestId("booth-total")).toHaveText(boothTotal!);
  expect(await total()).toBeGreaterThanOrEqual(totalBefore);

  const visitor = await browser.newContext();
  try {
    const anon = await visitor.newPage();
    await openVerify(anon, `/verify/${m.no}`);
    await expect(anon.getByTestId("verify-not-found")).toBeVisible();
  } finally {
    await visitor.close();
  }
});

test("a district president is refused another district's members: search, page, reveal, erase, card, export", async ({ page, signedInAs }) => {
  // This test signs out, which ends the session it used: a session of its own, not the shared one.
  await signedInAs("pcc", { fresh: true });
  const other = await memberElsewhere(page);
  // Leadership may open it, and may export.
  expect((await page.request.get(`/members/${other}/card`)).status()).toBe(200);
  const csv = await page.request.get(`/members/export?q=${other}`);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain(other);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  await signedInAs("raipur");
  await page.goto(`/members?q=${other}`);
  await expect(page.getByTestId("members-empty")).toBeVisible();
  // The member page (where reveal and erase live) is "not found", and so are both cards.
  expect((await page.goto(`/members/${other}`))?.status()).toBe(404);
  await expect(page.getByRole("button", { name: "Reveal personal data" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Erase personal data…" })).toHaveCount(0);
  expect((await page.request.get(`/members/${other}/card`)).status()).toBe(404);
  expect((await page.request.get(`/members/${other}/card.png`)).status()).toBe(404);
  expect((await page.request.get("/members/export")).status()).toBe(404);
  await page.goto("/members");
  await expect(page.getByRole("link", { name: "Download CSV" })).toHaveCount(0);
});
