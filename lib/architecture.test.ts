import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * ARCHITECTURE.md's import rules are lint rules (eslint.architecture.mjs); these cases lint one deliberately
 * wrong import per rule, as if it stood in the file named, and one right import beside it, so a rule that
 * stops biting (or starts biting the right imports) fails here.
 */
const root = path.resolve(import.meta.dirname, "..");
const eslint = new ESLint({ cwd: root });

// The first lint loads the config, its plugins and the TypeScript parser: seconds on a busy machine, which
// belong to no one case.
beforeAll(() => eslint.lintText("\n", { filePath: path.join(root, "lib/warm-up.ts") }), 60_000);

async function restricted(file: string, from: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import { x } from "${from}";\nexport const y = x;\n`, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

/** The no-restricted-syntax messages of `code` (not an import) as if it stood in `file`. */
async function syntax(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  expect(result!.messages.filter((m) => m.fatal)).toEqual([]);
  return result!.messages.filter((m) => m.ruleId === "no-restricted-syntax").map((m) => m.message);
}

describe("import rules", () => {
  it.each([
    ["components/members/wrong.tsx", "@/db/client", /never reach the database/],
    ["components/ui/wrong.tsx", "@/db/schema", /never reach the database/],
    ["db/schema/wrong.ts", "@/lib/auth/scope", /never upward/],
    ["db/wrong.ts", "@/components/ui/table", /never upward/],
    ["lib/wrong.ts", "@/components/ui/table", /never upward/],
    ["lib/auth/wrong.ts", "@/app/(dashboard)/layout", /never upward/],
    ["components/progress/wrong.tsx", "@/app/layout", /never upward/],
    ["lib/coverage/wrong.ts", "@/lib/appointments/queries", /lib\/coverage may not import lib\/appointments/],
    ["lib/seed/wrong.ts", "@/lib/members/api/tokens", /Shared lib\/ serves every feature/],
    ["lib/geo/wrong.ts", "@/lib/progress/data", /Shared lib\/ serves every feature/],
    ["lib/progress/wrong.ts", "@/lib/members/enrol/book", /lib\/progress may not import lib\/members/],
    ["lib/trainings/wrong.ts", "@/lib/appointments", /lib\/trainings may not import lib\/appointments/],
    ["components/coverage/wrong.tsx", "@/components/appointments/tables", /components\/coverage may not import components\/appointments/],
    ["components/ui/wrong.tsx", "@/components/members/book-form", /may not import components\/members/],
    ["lib/members/enrol/wrong.ts", "../validation", /Import from the root/],
    ["app/(dashboard)/members/wrong.tsx", "./client", /Import from the root/],
    ["app/(dashboard)/members/page.tsx", "@/db/client", /loads its data through lib\/<feature>\/pages.ts/],
    ["components/audit/wrong.tsx", "@/components/users/users-view", /components\/audit may not import components\/users/],
    ["lib/coverage/wrong.db.test.ts", "../appointments/service", /Import from the root/],
  ])("%s may not import %s", async (file, from, message) => {
    const messages = await restricted(file, from);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(message);
  });

  it.each([
    ["components/members/right.tsx", "@/components/ui/table"],
    ["components/coverage/right.tsx", "@/lib/coverage/queries"],
    ["lib/coverage/right.ts", "@/lib/auth/scope"],
    ["lib/coverage/right.ts", "@/lib/coverage/queries"],
    ["lib/members/enrol/right.ts", "@/db/client"],
    ["app/(dashboard)/members/right.tsx", "@/components/members/members-table"],
    ["app/layout.tsx", "./globals.css"],
    ["app/(dashboard)/members/export/route.ts", "@/db/client"],
    ["db/right.ts", "@/db/schema"],
    // Tests compose features and rooms (see eslint.architecture.mjs), but still import from the root.
    ["lib/coverage/right.db.test.ts", "@/lib/appointments/service"],
    ["db/right.db.test.ts", "@/lib/testing/db"],
  ])("%s may import %s", async (file, from) => {
    expect(await restricted(file, from)).toEqual([]);
  });
});

describe("lib returns data, never a Response", () => {
  it.each([
    ["lib/members/wrong.ts", 'export const r = new Response("x");'],
    ["lib/coverage/wrong.ts", "export const r = Response.json({ rows: [] });"],
    ["lib/wrong.ts", 'export const r = Response.redirect("https://example.org/");'],
    ["lib/members/api/wrong.ts", 'import { NextResponse } from "next/server";\nexport const r = NextResponse.json({});'],
  ])("%s may not build one: %s", async (file, code) => {
    const messages = await syntax(file, `${code}\n`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/lib\/ returns data, never a Response.*ARCHITECTURE\.md/);
  });

  it.each([
    ["lib/http.ts", 'export const r = new Response("x");'],
    ["lib/http.ts", "export const r = Response.json({});"],
    ["app/api/right/route.ts", 'export const r = new Response("x");'],
    // Tests compose what the route does (lib's data, then lib/http's helper) and may build requests' answers.
    ["lib/members/right.db.test.ts", 'export const r = new Response("x");'],
    ["lib/members/right.ts", "export const r = (res: Response) => res.status;"],
  ])("%s may: %s", async (file, code) => {
    expect(await syntax(file, `${code}\n`)).toEqual([]);
  });
});
