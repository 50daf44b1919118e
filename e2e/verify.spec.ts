/**
 * The public verification page cannot be walked: a bare number learns only "valid" or "not found"; the
 * masked name and assembly seat need the card's signed link; the per-address limit is counted on the
 * socket's address, so a rotating X-Forwarded-For does not lift it. Links are built on PUBLIC_URL.
 */
import { randomBytes } from "node:crypto";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import type { APIRequestContext } from "@playwright/test";
import { baseURL } from "@/playwright.config";
import { expect, test } from "@/e2e/fixtures";
import { openVerify, pathOf } from "@/e2e/verify-helpers";

test.describe.configure({ timeout: 180_000 });

/** What the server was told its public address is (e2e/serve.ts passes the environment on). */
const PUBLIC_ORIGIN = new URL(process.env.PUBLIC_URL || baseURL).origin;
const RAIPUR_BOOTH = "049-001";

/** A new member through the enrolment API (no sign-in), with the card link it answers. */
async function enrolMember(request: APIRequestContext): Promise<{ no: string; cardUrl: string }> {
  const digits = String(Date.now() % 10_000_000).padStart(7, "0");
  const epic = `VFY${digits.slice(0, 4)}${String(Math.floor(Math.random() * 1000)).padStart(3, "0")}`;
  const res = await request.post("/api/v1/members", {
    headers: { "content-type": "application/json", authorization: "Bearer demo-token-raipur", "idempotency-key": randomBytes(12).toString("hex") },
    data: JSON.stringify({
      epic,
      name: "Kavita Verma",
      gender: "F",
      age: 29,
      phone: "9876501234",
      address: "Ward 9",
      religion: "Hindu",
      caste: "Kurmi",
      casteCategory: "OBC",
      boothCode: RAIPUR_BOOTH,
      consent: true,
      consentVersion: "v1",
    }),
  });
  expect(res.status(), await res.text()).toBe(201);
  const json = (await res.json()) as { membershipNo: string; cardUrl: string };
  return { no: json.membershipNo, cardUrl: json.cardUrl };
}

test("the card's QR opens the signed link, which shows the masked name and seat; a bare or altered link shows neither", async ({ page, request }) => {
  const m = await enrolMember(request);
  // The API's card link and the QR's verification link are both on PUBLIC_URL, not on whatever host was asked.
  expect(new URL(m.cardUrl).origin).toBe(PUBLIC_ORIGIN);
  const png = await request.get(`${pathOf(m.cardUrl).replace("/card?", "/card.png?")}`);
  expect(png.status()).toBe(200);
  const img = PNG.sync.read(await png.body());
  const link = jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data ?? "";
  expect(link).toMatch(new RegExp(`^${PUBLIC_ORIGIN.replace(/[.]/g, "\\.")}/verify/${m.no}\\?s=[A-Za-z0-9_-]{22}$`));

  await openVerify(page, pathOf(link));
  await expect(page.getByTestId("verify-valid")).toContainText(m.no);
  await expect(page.getByTestId("verify-name")).toHaveText("K••• V•••");
  await expect(page.getByTestId("verify-ac")).toContainText("49");

  const sig = new URL(link).searchParams.get("s")!;
  const altered = `${sig.slice(0, -1)}${sig.endsWith("A") ? "B" : "A"}`;
  for (const bare of [`/verify/${m.no}`, `/verify/${m.no}?s=${altered}`, `/verify/${m.no}?s=`]) {
    await openVerify(page, bare);
    await expect(page.getByTestId("verify-valid"), bare).toBeVisible();
    await expect(page.getByTestId("verify-bare"), bare).toContainText(m.no);
    await expect(page.getByTestId("verify-name")).toHaveCount(0);
    await expect(page.getByTestId("verify-ac")).toHaveCount(0);
    const html = await page.content();
    expect(html, bare).not.toContain("K•••");
    expect(html, bare).not.toContain("Raipur City");
  }
  // Another member's signature does not open this one.
  const other = await enrolMember(request);
  await openVerify(page, `/verify/${m.no}?s=${new URL(other.cardUrl).searchParams.get("sig")}`);
  await expect(page.getByTestId("verify-name")).toHaveCount(0);
  await openVerify(page, "/verify/CG26-9999998");
  await expect(page.getByTestId("verify-not-found")).toBeVisible();
});

// Last in this file, so the window it uses up costs the tests above nothing; other specs wait (openVerify).
test("a rotating X-Forwarded-For does not lift the per-address limit: the 31st visit in a window is refused", async ({ playwright }) => {
  const client = await playwright.request.newContext({ baseURL });
  // A number nobody else looks at; the count is the address's, whatever number is asked for.
  const no = `CG26-8${String(Date.now() % 1_000_000).padStart(6, "0")}`;
  try {
    // A window that another spec's visit opened may pass mid-run and restart the count: then the next round,
    // inside the window this one opened, must be refused sooner. An XFF-keyed limit never refuses.
    let refusedAt31 = false;
    for (let round = 0; round < 3 && !refusedAt31; round++) {
      const limited: boolean[] = [];
      for (let i = 0; i < 31; i++) {
        const res = await client.get(`/verify/${no}`, { headers: { "x-forwarded-for": `198.51.${round}.${i + 1}`, "x-real-ip": `203.0.113.${i + 1}` } });
        expect(res.status()).toBe(200);
        const html = await res.text();
        const isLimited = html.includes('data-testid="verify-too-many"');
        // A refused visit looks nothing up: no answer either way.
        if (isLimited) expect(html).not.toMatch(/data-testid="verify-(valid|not-found)"/);
        limited.push(isLimited);
      }
      refusedAt31 = limited[30] === true && limited.filter((l) => !l).length <= 30;
    }
    expect(refusedAt31).toBe(true);
  } finally {
    await client.dispose();
  }
});
