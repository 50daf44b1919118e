import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from "@/lib/audit/actions";
import { en } from "@/lib/i18n/en";
import { hi } from "@/lib/i18n/hi";

const ROOT = process.cwd();

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/**
 * The action ids the code writes, read from the source: `action: "…"` (either branch of a condition too) in
 * every file that writes the trail, the ids in SQL that inserts into audit_events, the action argument of
 * writeImportAudit, and `quality.${decision}` expanded over the decisions. An `action:` this reader cannot
 * resolve fails the test, so a new way of writing an action is noticed rather than skipped.
 */
function recordedActions(): { actions: Set<string>; entities: Set<string>; unresolved: string[] } {
  const actions = new Set<string>();
  const entities = new Set<string>();
  const unresolved: string[] = [];
  for (const file of [...sourceFiles("lib"), ...sourceFiles("scripts"), ...sourceFiles("app")]) {
    const src = readFileSync(join(ROOT, file), "utf8");
    if (!/writeAudit|auditExport|writeImportAudit|auditEvents\)\.values|INSERT INTO audit_events/.test(src)) continue;
    if (file === "lib/audit/write.ts") {
      // auditExport writes `action: "export"` on behalf of the progress and targets downloads.
      actions.add("export");
      continue;
    }
    for (const m of src.matchAll(/\baction: (.+?),?$/gm)) {
      // The property's own expression: up to the next `key:` of an object written on one line.
      const expr = m[1]!.split(/,\s*[A-Za-z]+:/)[0]!.trim();
      // `cond ? "a" : "b"`: the ids are the branches, not what the condition compares with.
      const branches = expr.includes("?") ? expr.slice(expr.indexOf("?")) : expr;
      const literals = [...branches.matchAll(/"([a-z_.]+)"/g)].map((x) => x[1]!);
      if (literals.length) literals.forEach((a) => actions.add(a));
      else if (expr === "`quality.${decision}`") ["confirm", "void", "restore"].forEach((d) => actions.add(`quality.${d}`));
      else if (expr === "entry.action" || expr === "action" || expr === "string") continue;
      else unresolved.push(`${file}: action: ${expr}`);
    }
    for (const m of src.matchAll(/\bentityType: "([a-z_]+)"/g)) entities.add(m[1]!);
    for (const m of src.matchAll(/writeImportAudit\(tx, state, opts, "([a-z_.]+)", "([a-z_]+)"/g)) {
      actions.add(m[1]!);
      entities.add(m[2]!);
    }
    for (const m of src.matchAll(/auditExport\(db, viewer, "([a-z_]+)"/g)) entities.add(m[1]!);
    if (/INSERT INTO audit_events/.test(src)) {
      const insert = src.slice(src.indexOf("INSERT INTO audit_events"));
      for (const m of insert.matchAll(/'([a-z_]+\.[a-z_.]+)'/g)) actions.add(m[1]!);
      for (const m of insert.matchAll(/, '([a-z_]+)', [a-z_.]+::text/g)) entities.add(m[1]!);
    }
  }
  return { actions, entities, unresolved };
}

describe("the audit trail's action ids", () => {
  const found = recordedActions();

  it("reads every action the code writes", () => {
    expect(found.unresolved).toEqual([]);
    // The reader works: the well-known ones are found.
    for (const a of ["appointment.appoint", "target.update", "members.reveal", "quality.void", "import.booths", "export", "seed"]) expect(found.actions).toContain(a);
  });

  it("knows every recorded action and entity type", () => {
    expect([...found.actions].filter((a) => !(AUDIT_ACTIONS as readonly string[]).includes(a))).toEqual([]);
    expect([...found.entities].filter((e) => !(AUDIT_ENTITIES as readonly string[]).includes(e))).toEqual([]);
  });

  it("names every action and entity in English and Hindi", () => {
    const labels: Record<string, string | undefined> = { ...hi };
    const english: Record<string, string> = en;
    for (const a of AUDIT_ACTIONS) {
      expect(english[`audit.action.${a}`], a).toBeTruthy();
      expect(labels[`audit.action.${a}`], a).toMatch(/[\u0900-\u097F]/);
    }
    for (const e of AUDIT_ENTITIES) {
      expect(english[`audit.entity.${e}`], e).toBeTruthy();
      expect(labels[`audit.entity.${e}`], e).toMatch(/[\u0900-\u097F]/);
    }
  });
});
