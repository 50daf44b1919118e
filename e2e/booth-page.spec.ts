import { dbClient, expect, signedInTo, test } from "@/e2e/fixtures";
import { overflowing } from "@/e2e/overflow";

/**
 * A booth's page says who: its enrollers by name, its newest members (masked), and where to appoint; a booth
 * of another district is the 404 page.
 */
async function boothWithPeople(inRaipur: boolean): Promise<{ code: string; enroller: string } | null> {
  const db = await dbClient();
  if (!db) return null;
  try {
    const { rows } = await db.query<{ code: string; enroller: string }>(
      `SELECT b.code, min(w.name) AS enroller
         FROM booths b JOIN districts d ON d.id = b.district_id
         JOIN appointments a ON a.booth_id = b.id AND a.role = 'enroller' AND a.ended_at IS NULL
         JOIN workers w ON w.id = a.worker_id
         JOIN booth_counters c ON c.booth_id = b.id
        WHERE (d.slug = 'raipur') = $1 AND c.members > 0
        GROUP BY b.code, c.members ORDER BY c.members DESC, b.code LIMIT 1`,
      [inRaipur],
    );
    return rows[0] ?? null;
  } finally {
    await db.end();
  }
}

test("a booth's page names its enroller, lists its members masked and links to appoint; another district's booth is refused", async ({ page: browserPage, context }) => {
  test.slow();
  const own = await boothWithPeople(true);
  const other = await boothWithPeople(false);
  test.skip(!own || !other, "needs the PostgreSQL e2e database to find a booth");
  const page = await signedInTo(browserPage, "raipur", `/booths/${own!.code}`);
  await page.goto(`/booths/${own!.code}`);
  await expect(page.getByTestId("booth-enrollers-name").filter({ hasText: own!.enroller })).toHaveCount(1);
  await expect(page.getByTestId("booth-enrollers-appoint")).toHaveAttribute("href", `/enrollers/enroller/booth/${own!.code}`);
  // A district president does not manage the IT cell: no link to appoint there.
  await expect(page.getByTestId("booth-it-member-appoint")).toHaveCount(0);
  const members = page.getByTestId("booth-member");
  expect(await members.count()).toBeGreaterThan(0);
  await expect(members.first()).toContainText("•");
  await expect(page.getByTestId("booth-all-members")).toHaveAttribute("href", `/members?q=${own!.code}`);

  // Another district's booth: the 404 page, not its people.
  const refused = await page.goto(`/booths/${other!.code}`);
  expect(refused?.status()).toBe(404);
  await expect(page.getByText(other!.enroller)).toHaveCount(0);

  // In Hindi at 360 px: the same people, nothing sideways.
  await page.setViewportSize({ width: 360, height: 740 });
  await context.addCookies([{ name: "lang", value: "hi", url: page.url() }]);
  await page.goto(`/booths/${own!.code}`);
  await expect(page.getByRole("heading", { name: "इस बूथ पर कौन काम करता है" })).toBeVisible();
  await expect(page.getByTestId("booth-enrollers-name").filter({ hasText: own!.enroller })).toHaveCount(1);
  expect(await overflowing(page, 360)).toEqual([]);
});

test("the state IT-cell head sees who works at a booth and where to appoint its IT-cell member, but not its members", async ({ page: browserPage }) => {
  const own = await boothWithPeople(true);
  test.skip(!own, "needs the PostgreSQL e2e database to find a booth");
  const page = await signedInTo(browserPage, "itcell", `/booths/${own!.code}`);
  await page.goto(`/booths/${own!.code}`);
  await expect(page.getByTestId("booth-enrollers-name").filter({ hasText: own!.enroller })).toHaveCount(1);
  await expect(page.getByTestId("booth-it-member-appoint")).toHaveAttribute("href", `/it-cell/member/booth/${own!.code}`);
  await expect(page.getByTestId("booth-members")).toHaveCount(0);
});
