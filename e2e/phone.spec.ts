/**
 * Phones (issue 12): at 360 px every page a role can open has no sideways scroll and nothing past the right edge,
 * and on /targets a row's name and its input are seen together. The pages are the authorization matrix's
 * (e2e/authz-matrix.ts): every page case whose answer for the role is 200, with the same samples.
 */
import { readFileSync } from "node:fs";
import { matrix, type PrincipalKey } from "@/e2e/authz-matrix";
import { expect, signedInTo, test, type Role } from "@/e2e/fixtures";
import { matrixStatePath, type MatrixSamples } from "@/e2e/matrix-users";
import { overflowing } from "@/e2e/overflow";

const WIDTH = 360;
test.use({ viewport: { width: WIDTH, height: 780 } });

const PRINCIPAL: Record<Role, PrincipalKey> = { pcc: "leadership", raipur: "president", itcell: "itState", admin: "admin" };

function pagesFor(role: Role): string[] {
  const samples = JSON.parse(readFileSync(matrixStatePath(), "utf8")) as MatrixSamples;
  const paths = matrix(samples)
    .filter((r) => r.kind === "page")
    .flatMap((r) => r.cases)
    .filter((c) => c.expect[PRINCIPAL[role]] === 200)
    .map((c) => c.path);
  return [...new Set(paths)];
}

for (const role of ["pcc", "raipur", "itcell", "admin"] as const) {
  test(`${role}: no page scrolls sideways at ${WIDTH} px`, async ({ page }) => {
    const paths = pagesFor(role);
    test.setTimeout(60_000 + paths.length * 15_000);
    expect(paths.length, "the matrix gives this role pages").toBeGreaterThan(3);
    await signedInTo(page, role, "/");
    const problems: string[] = [];
    for (const path of paths) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
      await page.waitForLoadState("networkidle");
      for (const p of await overflowing(page, WIDTH)) problems.push(`${path}: ${p}`);
    }
    expect(problems, problems.join("\n")).toEqual([]);
  });
}

test(`/targets at ${WIDTH} px: a row's name and its input are both in view`, async ({ page }) => {
  await signedInTo(page, "raipur", "/targets");
  const row = page.locator('tr[data-testid^="target-row-"]:has(form)').first();
  await expect(row).toBeVisible();
  const name = row.locator("td").first();
  const input = row.locator('input[name="members"]');
  const save = row.getByRole("button", { name: "Save" });
  // Brought into view once, then measured without scrolling again: scrolling to a field off to the right is
  // what used to hide the row's name.
  await page.evaluate(() => document.querySelector('tr[data-testid^="target-row-"]:has(form)')?.scrollIntoView({ block: "start" }));
  for (const [what, el] of [["name", name], ["input", input], ["Save", save]] as const) {
    const box = (await el.boundingBox())!;
    expect(box, `${what} is laid out`).not.toBeNull();
    expect(box.x, `${what} starts inside the viewport`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${what} ends inside the viewport`).toBeLessThanOrEqual(WIDTH);
  }
  // On the same card: the input is just below its row's name, not a screen away.
  const nameBox = (await name.boundingBox())!;
  const inputBox = (await input.boundingBox())!;
  expect(inputBox.y - nameBox.y).toBeLessThan(300);
  // Touch targets: the field and its button are at least 44 px tall.
  expect(inputBox.height).toBeGreaterThanOrEqual(44);
  expect((await save.boundingBox())!.height).toBeGreaterThanOrEqual(44);
});
