/**
 * The count's integrity end to end (issue 11): a burst of sign-ups through the enrolment API is flagged by the
 * server's quality job, appears on /quality with its reason in words, is voided there by leadership, and then
 * leaves the counts: the booth's members drop by exactly the burst and its "voided" rises by as much, the
 * overview's "voided" rises, and the enroller's scorecard shows the bursts and the voids.
 *
 * The token is issued straight into the database (PostgreSQL only, as in api.spec.ts); everything else goes
 * through HTTP and the browser.
 */
import { createHash, randomBytes } from "node:crypto";
import { dbClient, expect, num, test } from "@/e2e/fixtures";
import { FIRST_NAMES_F, SURNAMES } from "@/lib/seed/people-data";
import { memberBody } from "@/lib/testing/members";

const BURST = 24;
const RUN = String(Date.now() % 1_000).padStart(3, "0") + String(Math.floor(Math.random() * 10));

test.describe("a burst of sign-ups", () => {
  test.skip(!process.env.TEST_DATABASE_URL, "issues its token in PostgreSQL");

  test("is flagged, reviewed on /quality, voided, and leaves the counts", async ({ request, signedInAs }) => {
    test.setTimeout(120_000);
    // An enroller's post on a Raipur booth, and a fresh token for it.
    const c = (await dbClient())!;
    let token: string, tokenId: number, boothCode: string;
    try {
      const { rows } = await c.query<{ id: number; worker_id: number; state_id: number; code: string }>(
        `SELECT a.id, a.worker_id, a.state_id, b.code FROM appointments a JOIN booths b ON b.id = a.booth_id
         JOIN districts d ON d.id = b.district_id
         WHERE a.ended_at IS NULL AND a.role = 'enroller' AND d.slug = 'raipur'
         ORDER BY a.id DESC LIMIT 1`,
      );
      const post = rows[0]!;
      boothCode = post.code;
      token = `e2e_${randomBytes(20).toString("hex")}`;
      const inserted = await c.query<{ id: number }>(
        `INSERT INTO api_tokens (state_id, appointment_id, worker_id, token_hash, token_prefix, label)
         VALUES ($1, $2, $3, $4, $5, 'e2e burst') RETURNING id`,
        [post.state_id, post.id, post.worker_id, createHash("sha256").update(token).digest("hex"), token.slice(0, 8)],
      );
      tokenId = inserted.rows[0]!.id;
    } finally {
      await c.end();
    }

    const page = await signedInAs("pcc");
    const boothNumbers = async () => {
      await page.goto(`/booths/${boothCode}`);
      return { members: num(await page.getByTestId("quality-members").textContent()), voided: num(await page.getByTestId("quality-voided").textContent()) };
    };
    const before = await boothNumbers();
    await page.goto("/");
    const overviewVoidedBefore = num(await page.getByTestId("quality-voided").textContent());

    // 24 different people (names, phones, EPICs) in under a minute from one token: more than 20 in 10 minutes.
    const numbers: string[] = [];
    for (let i = 0; i < BURST; i++) {
      const body = {
        ...memberBody(`QBU${RUN}${String(i).padStart(3, "0")}`, boothCode),
        name: `${FIRST_NAMES_F[i % FIRST_NAMES_F.length]![0]} ${SURNAMES[(i * 7) % SURNAMES.length]![0]}`,
        relativeName: `${SURNAMES[i % SURNAMES.length]![0]} Ji`,
        phone: `9${RUN}${String(10_000 + i).slice(-5)}`,
      };
      const res = await request.post("/api/v1/members", {
        headers: { authorization: `Bearer ${token}`, "idempotency-key": randomBytes(12).toString("hex"), "content-type": "application/json" },
        data: JSON.stringify(body),
      });
      expect(res.status(), await res.text()).toBe(201);
      numbers.push(((await res.json()) as { membershipNo: string }).membershipNo);
    }

    // The quality job (in the server process) flags them within seconds; the JSON view says so in words.
    await expect
      .poll(
        async () => {
          const res = await page.request.get("/api/quality/flags?reason=burst&status=open");
          const { flags } = (await res.json()) as { flags: { membershipNo: string; reason: string; detail: string }[] };
          return flags.filter((f) => numbers.includes(f.membershipNo)).length;
        },
        { timeout: 30_000 },
      )
      .toBe(BURST);

    // On /quality, filtered to this enroller: every one of them, with the reason in words.
    await page.goto(`/quality?reason=burst&enroller=t${tokenId}`);
    const rows = page.getByTestId("quality-row");
    await expect(rows).toHaveCount(BURST);
    await expect(rows.first().getByTestId("quality-reason").filter({ hasText: token.slice(0, 8) })).toContainText(`${BURST} sign-ups from token ${token.slice(0, 8)}`);
    await expect(rows.first()).toContainText("more than 20 within 10 minutes");
    const flagged = await boothNumbers();
    // Under review is still counted: the booth has the burst in its members.
    expect(flagged).toEqual({ members: before.members + BURST, voided: before.voided });

    // Void them all: select the page, a note, the warning, confirm.
    await page.goto(`/quality?reason=burst&enroller=t${tokenId}`);
    await page.getByTestId("quality-select-all").check();
    await page.locator("#quality-note").fill("Burst of 24 from one token in a minute; the enroller could not name them");
    await page.getByTestId("quality-void").click();
    await page.getByTestId("quality-void-confirm").click();
    await expect(page.getByRole("status").or(page.getByTestId("quality-empty")).first()).toBeVisible();
    await expect(page.getByTestId("quality-row")).toHaveCount(0);

    // The booth loses exactly the burst and its voided count rises by as much; the overview's voided rises.
    const voided = await boothNumbers();
    expect(voided).toEqual({ members: flagged.members - BURST, voided: flagged.voided + BURST });
    await page.goto("/");
    expect(num(await page.getByTestId("quality-voided").textContent())).toBeGreaterThanOrEqual(overviewVoidedBefore + BURST);

    // The card of a voided member is not valid any more; verification says so.
    await page.goto(`/verify/${numbers[0]}`);
    await expect(page.locator("main")).toContainText("not valid");

    // The enroller's scorecard: 24 sign-ups, 24 voided, 24 in bursts, none left after voids.
    await page.goto("/quality/enrollers?sort=voided&dir=desc");
    const card = page.locator(`[data-testid="scorecard-row"][data-token="${token.slice(0, 8)}"]`);
    await expect(card).toHaveCount(1);
    expect(num(await card.getByTestId("signups").textContent())).toBe(BURST);
    expect(num(await card.getByTestId("quality").textContent())).toBe(0);
    expect(num(await card.getByTestId("bursts").textContent())).toBe(BURST);
  });
});
