/**
 * The server-action half of the authorization matrix (issue 9): every exported server action, called directly
 * (as a forged POST would call it) by a viewer of one area with the ids of another, is refused and writes
 * nothing. The actions are found on disk, not listed by hand: a module whose first statement is "use server"
 * is imported and each of its exported functions must have a row in ACTIONS below, so a new action cannot
 * ship without its cases. Each action also has a positive control where one is cheap (the same action with
 * an id inside the viewer's area succeeds and writes), so the refusals cannot pass merely because every call
 * fails.
 *
 * The viewers that matter are the ones whose areas cut across each other: the Raipur district president, an
 * IT-cell head of assembly seat 49 (inside Raipur district, so the district crosses the seat's border), one of
 * seat 1 (which lies in two districts, Koriya and Manendragarh-Chirmiri-Bharatpur), a Koriya district IT head
 * (seat 1 crosses the district's border), and the state's leadership and administrator aimed at a second
 * state's ids. Nothing is written: every table of the schema is fingerprinted after each call.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { queryRows, type Db, type DbHandle } from "@/db/client";
import { seed } from "@/lib/seed";
import { createTestDb, testEngines, viewerFor } from "@/lib/testing/db";
import type { Viewer } from "@/lib/auth/viewer";
import { translator } from "@/lib/i18n";
import { changedTables, tablesFingerprint } from "@/lib/testing/writes-fingerprint";

// ---------------------------------------------------------------------------------------------------------
// Outside Next: the request's viewer, database, language, cache and navigation are stubbed; the actions,
// services, scope checks and SQL are the real ones.

const current = vi.hoisted(() => ({ db: undefined as unknown, viewer: null as unknown, cookies: new Map<string, string>() }));

vi.mock("@/lib/auth/session", () => ({
  getViewer: async () => current.viewer,
  requireViewer: async () => {
    if (!current.viewer) throw new Error("NEXT_REDIRECT:/login");
    return current.viewer;
  },
}));
vi.mock("@/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/db/client")>()),
  getDb: async () => current.db,
}));
vi.mock("@/lib/i18n/server", async () => {
  const { translator: tr } = await import("@/lib/i18n");
  return { getLocale: async () => "en", getT: async () => ({ locale: "en", t: tr("en") }) };
});
// Signing in and out is Auth.js's (exempt below); the module is stubbed so that importing the actions does not
// start Auth.js.
vi.mock("@/auth", () => ({
  auth: async () => null,
  signIn: async () => {
    throw new Error("signIn is not called by this test");
  },
  signOut: async () => undefined,
  handlers: {},
}));
vi.mock("next-auth", () => {
  class AuthError extends Error {}
  class CredentialsSignin extends AuthError {
    code = "credentials";
  }
  return { default: () => ({}), AuthError, CredentialsSignin };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, refresh: () => {}, updateTag: () => {} }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({
    get: (name: string) => (current.cookies.has(name) ? { name, value: current.cookies.get(name)! } : undefined),
    getAll: () => [...current.cookies].map(([name, value]) => ({ name, value })),
    has: (name: string) => current.cookies.has(name),
    set: (name: string, value: string) => void current.cookies.set(name, value),
    delete: (name: string) => void current.cookies.delete(name),
  }),
}));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Error(`NEXT_REDIRECT:${url}`);
  },
  permanentRedirect: (url: string) => {
    throw new Error(`NEXT_REDIRECT:${url}`);
  },
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
}));

const NOW = new Date("2026-11-28T07:30:00Z");
const t = translator("en");
const ROOT = process.cwd();

// ---------------------------------------------------------------------------------------------------------
// Finding the actions

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && !entry.name.startsWith(".")) out.push(...sourceFiles(rel));
    } else if (/\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !/\.d\.ts$/.test(entry.name)) {
      out.push(rel);
    }
  }
  return out;
}

/** The source without leading comments and blank space: what its first statement is. */
function firstStatement(source: string): string {
  let s = source.replace(/^\uFEFF/, "");
  for (;;) {
    const before = s;
    s = s.replace(/^\s+/, "").replace(/^\/\/[^\n]*\n?/, "").replace(/^\/\*[\s\S]*?\*\//, "");
    if (s === before) return s;
  }
}

const DIRECTIVE = /^["']use server["'];?/;
const INLINE_DIRECTIVE = /^\s*["']use server["'];?\s*$/m;

const actionFiles = ["app", "lib", "components"].flatMap(sourceFiles).filter((f) => DIRECTIVE.test(firstStatement(readFileSync(path.join(ROOT, f), "utf8"))));
/** Files with a "use server" function inside them (not a module of actions): each needs a reason below. */
const inlineFiles = ["app", "lib", "components"]
  .flatMap(sourceFiles)
  .filter((f) => !actionFiles.includes(f) && INLINE_DIRECTIVE.test(readFileSync(path.join(ROOT, f), "utf8")));

const INLINE: Record<string, string> = {};

// ---------------------------------------------------------------------------------------------------------
// Viewers and the ids aimed at

type ViewerKey = "raipur" | "ac49" | "ac1" | "koriya" | "pcc" | "admin" | "signedOut";

interface Fixtures {
  v: Record<ViewerKey, Viewer | null>;
  state2: { id: number; districtId: number; acId: number; pcId: number; blockId: number; boothId: number; boothCode: string; userId: number; chiefAppt: number; itAppt: number; workerId: number; tokenId: number; trainingId: number; memberNo: string };
  district: { raipur: number; durg: number; koriya: number; mcb: number };
  ac: { n49: number; n47: number; n1: number; n2: number };
  pc: { raipur: number; korba: number };
  block: { arang: number; durg: number; raipur: number; baikunthpur: number; khadgawan: number; bharatpur: number };
  booth: { durg: string; durgId: number; raipur: string; ac2: string; ac2Id: number; ac49Vacant: { id: number; code: string }[]; ac1Vacant: { id: number; code: string }[] };
  appt: {
    raipurItPresident: number;
    durgItPresident: number;
    koriyaItPresident: number;
    mcbItPresident: number;
    ac49ItPresident: number;
    ac1ItPresident: number;
    ac47ItPresident: number;
    durgChief: number;
    raipurBlockChief: number;
  };
  worker: { raipurItPresident: number; pcRaipurItPresident: number; koriyaItPresident: number; ac1ItPresident: number; durgIt: number; durgEnroller: number; ac2It: number; ac49It: number; balodaBazarChief: number; raipurChief: number; durgChief: number };
  token: { durg: number; raipurDemo: number };
  training: { raipur: number; hidden: number };
  member: { durg: string; raipur: string[] };
  cgUser: number;
}

type Fields = Record<string, string | File | undefined>;
type Caller = (fields: Fields) => Promise<Result>;
type Result = { ok: boolean; code?: string; message?: string; fieldErrors?: Record<string, string>; data?: unknown } | undefined;

type Expect =
  | { code: "forbidden" | "not_found" | "unauthenticated"; message?: string }
  | { code: "invalid"; field: string }
  | { importRejected: true }
  /** Public actions: nothing to refuse, only nothing may be written. */
  | { nothingWritten: true };

interface Case {
  viewer: ViewerKey;
  /** What is aimed at, for the report. */
  aim: string;
  form: Fields | ((call: Caller) => Promise<Fields>);
  expect: Expect;
}

interface Control {
  viewer: ViewerKey;
  aim: string;
  form: Fields | ((call: Caller) => Promise<Fields>);
  /** Import answers ok with a status; the control must have applied. */
  applied?: boolean;
}

type Row =
  | { exempt: string }
  | {
      /** setLocale takes the form alone. */
      formOnly?: boolean;
      cases: (f: Fixtures) => Case[];
      controls?: (f: Fixtures) => Control[];
    };

const roleRefused: Expect = { code: "forbidden", message: t("action.forbidden") };
const notInScope: Expect = { code: "forbidden", message: t("action.notInScope") };
const notFound: Expect = { code: "not_found" };
const signedOut: Expect = { code: "unauthenticated" };
const field = (name: string): Expect => ({ code: "invalid", field: name });

let phoneSeq = 0;
/** Mobile numbers no seeded worker or member has (the seed's start 6–9 at random; these start 6 and count). */
function phone(): string {
  phoneSeq += 1;
  return `6000${String(process.pid % 100).padStart(2, "0")}${String(phoneSeq).padStart(4, "0")}`;
}
let epicSeq = 0;
function epic(): string {
  epicSeq += 1;
  return `QZX${String(4_000_000 + epicSeq).padStart(7, "0")}`;
}

const newWorker = () => ({ mode: "new", name: "Authz Test Worker", phone: phone(), epic: "" });

function appointForm(section: "itcell" | "enrollers", role: string, level: string, unitId: number): Fields {
  return { section, role, level, unitId: String(unitId), ...newWorker() };
}

function bookForm(boothCode: string): Fields {
  return {
    epic: epic(),
    name: "Authz Test Member",
    gender: "F",
    age: "34",
    phone: phone(),
    address: "1 Test Lane",
    religion: "Test",
    caste: "Test",
    casteCategory: "GEN",
    boothCode,
    consentVersion: "v1",
    consent: "on",
    bookNo: "B-1",
    pageNo: "3",
  };
}

function csvFile(rows: string[]): File {
  return new File([["role,unit_level,unit_code,name,phone,epic", ...rows].join("\n") + "\n"], "authz.csv", { type: "text/csv" });
}

/** Preview (which must write nothing either) and then apply with the preview's fingerprint. */
function importThenApply(section: "itcell" | "enrollers", rows: string[]) {
  return async (call: Caller): Promise<Fields> => {
    const preview = await call({ section, intent: "preview", file: csvFile(rows) });
    const fingerprint = (preview?.data as { fingerprint?: string } | undefined)?.fingerprint ?? "";
    return { section, intent: "apply", fingerprint, file: csvFile(rows) };
  };
}

/** The reveal form: a worker, through a section's pages. */
const reveal = (section: "itcell" | "enrollers", workerId: number): Fields => ({ section, workerId: String(workerId) });

/** A member's id by membership number (the review's forms send ids). */
async function memberIdOf(no: string): Promise<string> {
  const [m] = await queryRows<{ id: number }>(current.db as Db, sql`SELECT id::int AS id FROM members WHERE membership_no = ${no}`);
  if (!m) throw new Error(`fixture: no member ${no}`);
  return String(m.id);
}

const IT_HEADS: ViewerKey[] = ["ac49", "ac1", "koriya"];
const everyoneRefusedByRole = (viewers: ViewerKey[], aim: string, form: Fields): Case[] => viewers.map((viewer) => ({ viewer, aim, form, expect: roleRefused }));

/**
 * An action on one user by id (plus `extra` fields): another state's user is not found, the IT heads, the
 * Raipur president and the leadership are refused by role, a signed-out caller is refused; the admin may act
 * on a CG user.
 */
const userByIdRow = (extra: Fields): Row => ({
  cases: (f) => [
    { viewer: "admin", aim: "another state's user", form: { userId: String(f.state2.userId), ...extra }, expect: notFound },
    ...everyoneRefusedByRole([...IT_HEADS, "raipur", "pcc"], "a user of the state", { userId: String(f.cgUser), ...extra }),
    { viewer: "signedOut", aim: "a user", form: { userId: String(f.cgUser), ...extra }, expect: signedOut },
  ],
  controls: (f) => [{ viewer: "admin", aim: "a CG user", form: { userId: String(f.cgUser), ...extra } }],
});

/**
 * `module#export` → its cases. Expectations are exact: "forbidden" with the role message means the role may
 * not do it at all; with the scope message, or "not found", or a field error on the unit, means the area
 * check refused it.
 */
const ACTIONS: Record<string, Row> = {
  "lib/auth/actions.ts#login": {
    exempt:
      "public sign-in: takes no ids and acts for nobody; its throttle and sessions go through authorize() (lib/auth/sign-in tests, e2e sessions/throttle specs).",
  },
  "lib/auth/actions.ts#signOutAction": {
    exempt: "takes no input; it signs the caller out (Auth.js signOut ends their own server-side session only).",
  },
  "lib/i18n/actions.ts#setLocale": {
    formOnly: true,
    cases: () =>
      (["raipur", "ac49", "signedOut"] as const).map((viewer) => ({ viewer, aim: "a language cookie (no ids, no database)", form: { locale: "hi" }, expect: { nothingWritten: true } })),
  },

  "lib/members/actions.ts#createBookEntry": {
    cases: (f) => [
      { viewer: "raipur", aim: `a Durg booth ${f.booth.durg}`, form: bookForm(f.booth.durg), expect: field("boothCode") },
      { viewer: "pcc", aim: `another state's booth ${f.state2.boothCode}`, form: bookForm(f.state2.boothCode), expect: field("boothCode") },
      ...everyoneRefusedByRole(IT_HEADS, "a booth of their seat or district", bookForm(f.booth.ac49Vacant[0]!.code)),
      { viewer: "signedOut", aim: "a Raipur booth", form: bookForm(f.booth.raipur), expect: signedOut },
    ],
    controls: (f) => [{ viewer: "raipur", aim: `a Raipur booth ${f.booth.raipur}`, form: bookForm(f.booth.raipur) }],
  },
  "lib/members/actions.ts#revealAction": {
    cases: (f) => [
      { viewer: "raipur", aim: `a Durg member ${f.member.durg}`, form: { membershipNo: f.member.durg }, expect: notFound },
      { viewer: "pcc", aim: `another state's member ${f.state2.memberNo}`, form: { membershipNo: f.state2.memberNo }, expect: notFound },
      ...everyoneRefusedByRole(IT_HEADS, "a Raipur member", { membershipNo: f.member.raipur[0]! }),
      { viewer: "signedOut", aim: "a Raipur member", form: { membershipNo: f.member.raipur[0]! }, expect: signedOut },
    ],
    controls: (f) => [{ viewer: "raipur", aim: `a Raipur member ${f.member.raipur[0]}`, form: { membershipNo: f.member.raipur[0]! } }],
  },
  "lib/members/actions.ts#eraseAction": {
    cases: (f) => [
      { viewer: "raipur", aim: `a Durg member ${f.member.durg}`, form: { membershipNo: f.member.durg, reason: "Asked to be removed" }, expect: notFound },
      { viewer: "pcc", aim: `another state's member ${f.state2.memberNo}`, form: { membershipNo: f.state2.memberNo, reason: "Asked to be removed" }, expect: notFound },
      ...everyoneRefusedByRole(IT_HEADS, "a Raipur member", { membershipNo: f.member.raipur[1]!, reason: "Asked to be removed" }),
      { viewer: "signedOut", aim: "a Raipur member", form: { membershipNo: f.member.raipur[1]!, reason: "Asked to be removed" }, expect: signedOut },
    ],
    controls: (f) => [{ viewer: "raipur", aim: `a Raipur member ${f.member.raipur[1]}`, form: { membershipNo: f.member.raipur[1]!, reason: "Asked to be removed" } }],
  },

  "lib/members/actions.ts#issueTokenAction": {
    cases: (f) => [
      { viewer: "raipur", aim: "Durg's district chief enroller", form: { appointmentId: String(f.appt.durgChief), label: "x" }, expect: notFound },
      { viewer: "raipur", aim: "an IT post in Raipur (not an enroller post)", form: { appointmentId: String(f.appt.raipurItPresident) }, expect: notFound },
      { viewer: "pcc", aim: "another state's chief enroller", form: { appointmentId: String(f.state2.chiefAppt) }, expect: notFound },
      ...everyoneRefusedByRole(IT_HEADS, "a Raipur chief enroller", { appointmentId: String(f.appt.raipurBlockChief) }),
      { viewer: "signedOut", aim: "a Raipur chief enroller", form: { appointmentId: String(f.appt.raipurBlockChief) }, expect: signedOut },
    ],
    controls: (f) => [{ viewer: "raipur", aim: "a Raipur block's chief enroller", form: { appointmentId: String(f.appt.raipurBlockChief), label: "control" } }],
  },
  "lib/members/actions.ts#revokeTokenAction": {
    cases: (f) => [
      { viewer: "raipur", aim: "a Durg chief enroller's token", form: { tokenId: String(f.token.durg) }, expect: notFound },
      { viewer: "pcc", aim: "another state's token", form: { tokenId: String(f.state2.tokenId) }, expect: notFound },
      ...everyoneRefusedByRole(IT_HEADS, "Raipur's demo token", { tokenId: String(f.token.raipurDemo) }),
      { viewer: "signedOut", aim: "Raipur's demo token", form: { tokenId: String(f.token.raipurDemo) }, expect: signedOut },
    ],
    controls: (f) => [{ viewer: "raipur", aim: "Raipur's demo token", form: { tokenId: String(f.token.raipurDemo) } }],
  },

  "lib/members/quality/actions.ts#suspendEnrollerAction": {
    cases: (f) => [
      { viewer: "raipur", aim: "a Durg chief enroller's token", form: { tokenId: String(f.token.durg) }, expect: notFound },
      { viewer: "pcc", aim: "another state's token", form: { tokenId: String(f.state2.tokenId) }, expect: notFound },
      ...everyoneRefusedByRole(IT_HEADS, "Raipur's demo token", { tokenId: String(f.token.raipurDemo) }),
      { viewer: "signedOut", aim: "Raipur's demo token", form: { tokenId: String(f.token.raipurDemo) }, expect: signedOut },
    ],
    // A token of its own (the demo token may be revoked already by the tokens' own control).
    controls: (f) => [
      {
        viewer: "raipur",
        aim: "a new token of a Raipur block's chief enroller",
        form: async () => {
          const { issueToken } = await import("@/lib/members/api/tokens");
          const issued = await issueToken(current.db as Db, f.v.pcc!, { appointmentId: f.appt.raipurBlockChief });
          if (!issued.ok) throw new Error(`fixture: suspend control token ${issued.code}`);
          return { tokenId: String(issued.id) };
        },
      },
    ],
  },

  "lib/members/quality/actions.ts#decideAction": {
    cases: (f) => [
      { viewer: "raipur", aim: `a Durg member ${f.member.durg}`, form: async () => ({ memberId: await memberIdOf(f.member.durg), decision: "confirm" }), expect: notFound },
      { viewer: "raipur", aim: `a Durg member ${f.member.durg} (void)`, form: async () => ({ memberId: await memberIdOf(f.member.durg), decision: "void", note: "Not a member" }), expect: notFound },
      { viewer: "pcc", aim: `another state's member ${f.state2.memberNo}`, form: async () => ({ memberId: await memberIdOf(f.state2.memberNo), decision: "void", note: "Not a member" }), expect: notFound },
      { viewer: "raipur", aim: "a void without a note", form: async () => ({ memberId: await memberIdOf(f.member.raipur[0]!), decision: "void", note: "" }), expect: field("note") },
      ...everyoneRefusedByRole(IT_HEADS, "a Raipur member", { memberId: "1", decision: "confirm" }),
      { viewer: "signedOut", aim: "a Raipur member", form: { memberId: "1", decision: "confirm" }, expect: signedOut },
    ],
    // A flag of its own on a Raipur member, confirmed by the Raipur president.
    controls: (f) => [
      {
        viewer: "raipur",
        aim: `a flagged Raipur member ${f.member.raipur[0]}`,
        form: async () => {
          const memberId = await memberIdOf(f.member.raipur[0]!);
          const { openFlag } = await import("@/lib/testing/quality");
          await openFlag(current.db as Db, Number(memberId), "shared_phone");
          return { memberId, decision: "confirm", note: "Household" };
        },
      },
    ],
  },
  "lib/members/quality/actions.ts#restoreAction": {
    cases: (f) => [
      { viewer: "pcc", aim: `another state's member ${f.state2.memberNo}`, form: async () => ({ memberId: await memberIdOf(f.state2.memberNo), note: "Field check" }), expect: notFound },
      ...everyoneRefusedByRole([...IT_HEADS, "raipur"], "a Raipur member", { memberId: "1", note: "Field check" }),
      { viewer: "signedOut", aim: "a Raipur member", form: { memberId: "1", note: "Field check" }, expect: signedOut },
    ],
    // A member voided for the purpose (a flag of its own, voided by the leadership), then restored.
    controls: (f) => [
      {
        viewer: "pcc",
        aim: `a voided Raipur member ${f.member.raipur[0]}`,
        form: async () => {
          const memberId = await memberIdOf(f.member.raipur[0]!);
          const { openFlag } = await import("@/lib/testing/quality");
          const { decide } = await import("@/lib/members/quality/service");
          await openFlag(current.db as Db, Number(memberId), "burst");
          const voided = await decide(current.db as Db, f.v.pcc!, { memberIds: [Number(memberId)], decision: "void", note: "Fixture void" });
          if (voided.decided !== 1) throw new Error("fixture: restore control void");
          // A restore is for the campaign under way; the seed's campaign is dated from NOW, not today.
          await (current.db as Db).execute(sql`UPDATE campaigns SET ends_on = greatest(ends_on, (now() + interval '1 day')::date)`);
          return { memberId, note: "Field check: a real member" };
        },
      },
    ],
  },

  "lib/users/actions.ts#createUser": {
    cases: (f) => [
      {
        viewer: "admin",
        aim: "a district president of another state's district",
        form: { email: "authz-new1@test.local", name: "New", role: "district_president", scopeLevel: "district", unitId: `district:${f.state2.districtId}`, password: "a-long-password-1" },
        expect: field("unitId"),
      },
      {
        viewer: "admin",
        aim: "an IT head of another state's seat",
        form: { email: "authz-new2@test.local", name: "New", role: "it_head", scopeLevel: "ac", unitId: `ac:${f.state2.acId}`, password: "a-long-password-1" },
        expect: field("unitId"),
      },
      ...everyoneRefusedByRole([...IT_HEADS, "raipur", "pcc"], "a user of their own area", {
        email: "authz-new3@test.local",
        name: "New",
        role: "it_head",
        scopeLevel: "ac",
        unitId: `ac:${f.ac.n49}`,
        password: "a-long-password-1",
      }),
      {
        viewer: "signedOut",
        aim: "a user",
        form: { email: "authz-new4@test.local", name: "New", role: "it_head", scopeLevel: "state", password: "a-long-password-1" },
        expect: signedOut,
      },
    ],
    controls: (f) => [
      {
        viewer: "admin",
        aim: "a Durg district president",
        form: { email: "authz-control@test.local", name: "Control", role: "district_president", scopeLevel: "district", unitId: `district:${f.district.durg}`, password: "a-long-password-1" },
      },
    ],
  },
  "lib/users/actions.ts#updateUserScope": {
    cases: (f) => [
      { viewer: "admin", aim: "another state's user", form: { userId: String(f.state2.userId), role: "it_head", scopeLevel: "district", unitId: `district:${f.district.durg}` }, expect: notFound },
      { viewer: "admin", aim: "a user moved into another state's district", form: { userId: String(f.cgUser), role: "district_president", scopeLevel: "district", unitId: `district:${f.state2.districtId}` }, expect: field("unitId") },
      ...everyoneRefusedByRole([...IT_HEADS, "raipur", "pcc"], "a user of the state", { userId: String(f.cgUser), role: "it_head", scopeLevel: "state" }),
      { viewer: "signedOut", aim: "a user", form: { userId: String(f.cgUser), role: "it_head", scopeLevel: "state" }, expect: signedOut },
    ],
    controls: (f) => [{ viewer: "admin", aim: "a CG user to seat 49", form: { userId: String(f.cgUser), role: "it_head", scopeLevel: "ac", unitId: `ac:${f.ac.n49}` } }],
  },
  "lib/users/actions.ts#setUserActive": userByIdRow({ active: "false" }),
  "lib/users/actions.ts#resetUserPassword": userByIdRow({}),
  "lib/users/actions.ts#signUserOutEverywhere": userByIdRow({}),

  "lib/targets/actions.ts#setTarget": {
    cases: (f) => {
      const target = (level: string, unitId: number) => ({ level, unitId: String(unitId), members: "4321" });
      const scopeRefused: Expect = { code: "not_found", message: t("action.notInScope") };
      return [
        { viewer: "raipur", aim: "a Durg block", form: target("block", f.block.durg), expect: scopeRefused },
        { viewer: "raipur", aim: `a Durg booth ${f.booth.durg}`, form: target("booth", f.booth.durgId), expect: scopeRefused },
        { viewer: "raipur", aim: "the Durg district (a level the role may not set)", form: target("district", f.district.durg), expect: roleRefused },
        { viewer: "pcc", aim: "another state (the state level)", form: target("state", f.state2.id), expect: scopeRefused },
        { viewer: "pcc", aim: "another state's district", form: target("district", f.state2.districtId), expect: scopeRefused },
        { viewer: "pcc", aim: "another state's seat", form: target("ac", f.state2.acId), expect: scopeRefused },
        { viewer: "pcc", aim: "another state's Lok Sabha seat", form: target("pc", f.state2.pcId), expect: scopeRefused },
        ...everyoneRefusedByRole(IT_HEADS, "a unit of their own area", target("booth", f.booth.ac49Vacant[0]!.id)),
        { viewer: "signedOut", aim: "a Raipur block", form: target("block", f.block.raipur), expect: signedOut },
      ];
    },
    controls: (f) => [{ viewer: "raipur", aim: "a Raipur block", form: { level: "block", unitId: String(f.block.raipur), members: "4321" } }],
  },

  "lib/trainings/actions.ts#createTrainingAction": {
    cases: (f) => {
      const training = (level: string, districtId?: number): Fields => ({
        title: "Authz training",
        place: "Hall",
        level,
        ...(districtId ? { districtId: String(districtId) } : {}),
        startsOn: "2026-12-01",
        endsOn: "2026-12-02",
      });
      return [
        { viewer: "raipur", aim: "a training in Durg district", form: training("district", f.district.durg), expect: notInScope },
        { viewer: "raipur", aim: "a block-level training in Durg", form: training("block", f.district.durg), expect: notInScope },
        { viewer: "raipur", aim: "a state-level training", form: training("state"), expect: roleRefused },
        { viewer: "pcc", aim: "a training in another state's district", form: training("district", f.state2.districtId), expect: notInScope },
        ...everyoneRefusedByRole(IT_HEADS, "a training in Raipur/Koriya", training("district", f.district.raipur)),
        { viewer: "signedOut", aim: "a Raipur training", form: training("district", f.district.raipur), expect: signedOut },
      ];
    },
    controls: (f) => [
      {
        viewer: "raipur",
        aim: "a training in Raipur",
        form: { title: "Authz training", place: "Hall", level: "district", districtId: String(f.district.raipur), startsOn: "2026-12-01", endsOn: "2026-12-02" },
      },
    ],
  },
  "lib/trainings/actions.ts#attendanceAction": {
    cases: (f) => [
      {
        viewer: "raipur",
        aim: "a Baloda Bazar chief enroller at Raipur's session",
        form: { trainingId: String(f.training.raipur), [`days_${f.worker.balodaBazarChief}`]: "1" },
        expect: notInScope,
      },
      {
        viewer: "raipur",
        aim: "a Durg chief enroller at Raipur's session",
        form: { trainingId: String(f.training.raipur), [`days_${f.worker.durgChief}`]: "1" },
        expect: notInScope,
      },
      {
        viewer: "raipur",
        aim: "a session Raipur cannot see (another division's)",
        form: { trainingId: String(f.training.hidden), [`days_${f.worker.raipurChief}`]: "1" },
        expect: notFound,
      },
      { viewer: "pcc", aim: "another state's session", form: { trainingId: String(f.state2.trainingId), [`days_${f.worker.raipurChief}`]: "1" }, expect: notFound },
      {
        viewer: "pcc",
        aim: "another state's chief enroller at a CG session",
        form: { trainingId: String(f.training.raipur), [`days_${f.state2.workerId}`]: "1" },
        expect: notInScope,
      },
      ...everyoneRefusedByRole(IT_HEADS, "Raipur's session", { trainingId: String(f.training.raipur), [`days_${f.worker.raipurChief}`]: "1" }),
      { viewer: "signedOut", aim: "Raipur's session", form: { trainingId: String(f.training.raipur), [`days_${f.worker.raipurChief}`]: "1" }, expect: signedOut },
    ],
    controls: (f) => [
      { viewer: "raipur", aim: "Raipur's chief enroller at Raipur's session", form: { trainingId: String(f.training.raipur), [`days_${f.worker.raipurChief}`]: "__toggle__" } },
    ],
  },

  "lib/appointments/actions.ts#appointAction": {
    cases: (f) => [
      { viewer: "ac49", aim: "Raipur district's IT president (the district crosses seat 49's border)", form: appointForm("itcell", "it_president", "district", f.district.raipur), expect: notInScope },
      { viewer: "ac49", aim: "an IT member of Arang block (crosses seat 49's border)", form: appointForm("itcell", "it_member", "block", f.block.arang), expect: notInScope },
      { viewer: "ac49", aim: `an IT member of a Durg booth ${f.booth.durg}`, form: appointForm("itcell", "it_member", "booth", f.booth.durgId), expect: notInScope },
      { viewer: "ac49", aim: "seat 47's IT president", form: appointForm("itcell", "it_president", "ac", f.ac.n47), expect: notInScope },
      { viewer: "ac49", aim: "Raipur Lok Sabha seat's IT president (contains seat 49)", form: appointForm("itcell", "it_president", "pc", f.pc.raipur), expect: notInScope },
      {
        viewer: "ac49",
        aim: "a Durg IT worker picked for a seat-49 booth",
        form: { section: "itcell", role: "it_member", level: "booth", unitId: String(f.booth.ac49Vacant[1]!.id), mode: "existing", workerId: String(f.worker.durgIt) },
        expect: field("workerId"),
      },
      { viewer: "ac49", aim: "an enroller in a seat-49 booth (not the IT cell)", form: appointForm("enrollers", "enroller", "booth", f.booth.ac49Vacant[1]!.id), expect: roleRefused },
      { viewer: "ac1", aim: "Koriya district's IT president (seat 1 is partly in Koriya)", form: appointForm("itcell", "it_president", "district", f.district.koriya), expect: notInScope },
      { viewer: "ac1", aim: "Manendragarh-Chirmiri-Bharatpur's IT president (seat 1 is partly in it)", form: appointForm("itcell", "it_president", "district", f.district.mcb), expect: notInScope },
      { viewer: "ac1", aim: "an IT member of Baikunthpur block (crosses seat 1's border)", form: appointForm("itcell", "it_member", "block", f.block.baikunthpur), expect: notInScope },
      { viewer: "ac1", aim: "an IT member of Khadgawan block (crosses seat 1's border)", form: appointForm("itcell", "it_member", "block", f.block.khadgawan), expect: notInScope },
      { viewer: "ac1", aim: `an IT member of seat 2's booth ${f.booth.ac2}`, form: appointForm("itcell", "it_member", "booth", f.booth.ac2Id), expect: notInScope },
      { viewer: "ac1", aim: "Korba Lok Sabha seat's IT president (contains seat 1)", form: appointForm("itcell", "it_president", "pc", f.pc.korba), expect: notInScope },
      { viewer: "koriya", aim: "seat 1's IT president (the seat crosses Koriya's border)", form: appointForm("itcell", "it_president", "ac", f.ac.n1), expect: notInScope },
      { viewer: "koriya", aim: "an IT member of Khadgawan block (MCB district)", form: appointForm("itcell", "it_member", "block", f.block.khadgawan), expect: notInScope },
      { viewer: "koriya", aim: "Korba Lok Sabha seat's IT president", form: appointForm("itcell", "it_president", "pc", f.pc.korba), expect: notInScope },
      { viewer: "raipur", aim: `an enroller of a Durg booth ${f.booth.durg}`, form: appointForm("enrollers", "enroller", "booth", f.booth.durgId), expect: notInScope },
      { viewer: "raipur", aim: "Durg block's chief enroller", form: appointForm("enrollers", "chief_enroller", "block", f.block.durg), expect: notInScope },
      { viewer: "raipur", aim: "Durg district's chief enroller", form: appointForm("enrollers", "chief_enroller", "district", f.district.durg), expect: notInScope },
      { viewer: "raipur", aim: "Raipur district's IT president (not their section)", form: appointForm("itcell", "it_president", "district", f.district.raipur), expect: roleRefused },
      { viewer: "pcc", aim: "another state's booth enroller", form: appointForm("enrollers", "enroller", "booth", f.state2.boothId), expect: notInScope },
      { viewer: "pcc", aim: "another state's district chief enroller", form: appointForm("enrollers", "chief_enroller", "district", f.state2.districtId), expect: notInScope },
      { viewer: "pcc", aim: "another state's seat IT president", form: appointForm("itcell", "it_president", "ac", f.state2.acId), expect: notInScope },
      { viewer: "signedOut", aim: "a seat-49 booth", form: appointForm("itcell", "it_member", "booth", f.booth.ac49Vacant[1]!.id), expect: signedOut },
    ],
    controls: (f) => [
      { viewer: "ac49", aim: `an IT member of seat-49 booth ${f.booth.ac49Vacant[0]!.code}`, form: appointForm("itcell", "it_member", "booth", f.booth.ac49Vacant[0]!.id) },
      { viewer: "ac1", aim: "an IT member of Bharatpur block (wholly in seat 1)", form: appointForm("itcell", "it_member", "block", f.block.bharatpur) },
      { viewer: "raipur", aim: `an enroller of Raipur booth ${f.booth.ac49Vacant[0]!.code}`, form: appointForm("enrollers", "enroller", "booth", f.booth.ac49Vacant[0]!.id) },
    ],
  },
  "lib/appointments/actions.ts#replaceAction": {
    cases: (f) => {
      const replace = (section: "itcell" | "enrollers", appointmentId: number): Fields => ({ section, appointmentId: String(appointmentId), reason: "Authz test", ...newWorker() });
      return [
        { viewer: "ac49", aim: "Raipur district's IT president", form: replace("itcell", f.appt.raipurItPresident), expect: notInScope },
        { viewer: "ac49", aim: "Durg district's IT president", form: replace("itcell", f.appt.durgItPresident), expect: notInScope },
        { viewer: "ac49", aim: "seat 47's IT president", form: replace("itcell", f.appt.ac47ItPresident), expect: notInScope },
        {
          viewer: "ac49",
          aim: "seat 49's IT president replaced by a Durg worker (the post is ended first, so this must roll back)",
          form: { section: "itcell", appointmentId: String(f.appt.ac49ItPresident), reason: "Authz test", mode: "existing", workerId: String(f.worker.durgIt) },
          expect: field("workerId"),
        },
        { viewer: "ac1", aim: "Koriya district's IT president", form: replace("itcell", f.appt.koriyaItPresident), expect: notInScope },
        { viewer: "ac1", aim: "Manendragarh-Chirmiri-Bharatpur's IT president", form: replace("itcell", f.appt.mcbItPresident), expect: notInScope },
        { viewer: "koriya", aim: "seat 1's IT president", form: replace("itcell", f.appt.ac1ItPresident), expect: notInScope },
        { viewer: "raipur", aim: "Durg district's chief enroller", form: replace("enrollers", f.appt.durgChief), expect: notInScope },
        { viewer: "raipur", aim: "Raipur district's IT president (not their section)", form: replace("itcell", f.appt.raipurItPresident), expect: roleRefused },
        { viewer: "pcc", aim: "another state's chief enroller", form: replace("enrollers", f.state2.chiefAppt), expect: notFound },
        { viewer: "pcc", aim: "another state's seat IT president", form: replace("itcell", f.state2.itAppt), expect: notFound },
        { viewer: "signedOut", aim: "seat 49's IT president", form: replace("itcell", f.appt.ac49ItPresident), expect: signedOut },
      ];
    },
    controls: (f) => [{ viewer: "ac49", aim: "seat 49's IT president", form: { section: "itcell", appointmentId: String(f.appt.ac49ItPresident), reason: "Authz control", ...newWorker() } }],
  },
  "lib/appointments/actions.ts#endAction": {
    cases: (f) => {
      const end = (section: "itcell" | "enrollers", appointmentId: number): Fields => ({ section, appointmentId: String(appointmentId), reason: "Authz test" });
      return [
        { viewer: "ac49", aim: "Raipur district's IT president", form: end("itcell", f.appt.raipurItPresident), expect: notInScope },
        { viewer: "ac49", aim: "Durg district's IT president", form: end("itcell", f.appt.durgItPresident), expect: notInScope },
        { viewer: "ac49", aim: "seat 47's IT president", form: end("itcell", f.appt.ac47ItPresident), expect: notInScope },
        { viewer: "ac1", aim: "Koriya district's IT president", form: end("itcell", f.appt.koriyaItPresident), expect: notInScope },
        { viewer: "ac1", aim: "Manendragarh-Chirmiri-Bharatpur's IT president", form: end("itcell", f.appt.mcbItPresident), expect: notInScope },
        { viewer: "koriya", aim: "seat 1's IT president", form: end("itcell", f.appt.ac1ItPresident), expect: notInScope },
        { viewer: "raipur", aim: "Durg district's chief enroller", form: end("enrollers", f.appt.durgChief), expect: notInScope },
        { viewer: "raipur", aim: "Raipur district's IT president (not their section)", form: end("itcell", f.appt.raipurItPresident), expect: roleRefused },
        { viewer: "pcc", aim: "another state's chief enroller", form: end("enrollers", f.state2.chiefAppt), expect: notFound },
        { viewer: "pcc", aim: "another state's seat IT president", form: end("itcell", f.state2.itAppt), expect: notFound },
        { viewer: "signedOut", aim: "seat 1's IT president", form: end("itcell", f.appt.ac1ItPresident), expect: signedOut },
      ];
    },
    controls: (f) => [{ viewer: "ac1", aim: "seat 1's IT president", form: { section: "itcell", appointmentId: String(f.appt.ac1ItPresident), reason: "Authz control" } }],
  },
  "lib/appointments/actions.ts#revealWorkerAction": {
    cases: (f) => [
      { viewer: "ac49", aim: "a Durg booth's IT member", form: reveal("itcell", f.worker.durgIt), expect: notFound },
      // A district, or a Lok Sabha seat, that crosses the viewer's seat: its IT president's full phone and EPIC
      // are another area's personal data, so the reveal must refuse them like every other write-scoped act.
      { viewer: "ac49", aim: "Raipur district's IT president (the district crosses seat 49's border)", form: reveal("itcell", f.worker.raipurItPresident), expect: notFound },
      { viewer: "ac49", aim: "Raipur Lok Sabha seat's IT president (contains seat 49)", form: reveal("itcell", f.worker.pcRaipurItPresident), expect: notFound },
      { viewer: "ac1", aim: "Koriya district's IT president (seat 1 is partly in Koriya)", form: reveal("itcell", f.worker.koriyaItPresident), expect: notFound },
      { viewer: "koriya", aim: "seat 1's IT president (the seat crosses Koriya's border)", form: reveal("itcell", f.worker.ac1ItPresident), expect: notFound },
      { viewer: "ac1", aim: "seat 2's booth IT member", form: reveal("itcell", f.worker.ac2It), expect: notFound },
      { viewer: "koriya", aim: "a Durg booth's IT member", form: reveal("itcell", f.worker.durgIt), expect: notFound },
      { viewer: "ac49", aim: "a seat-49 worker through the enrollers section", form: reveal("enrollers", f.worker.ac49It), expect: roleRefused },
      { viewer: "raipur", aim: "a Durg booth's enroller", form: reveal("enrollers", f.worker.durgEnroller), expect: notFound },
      { viewer: "raipur", aim: "Durg's chief enroller", form: reveal("enrollers", f.worker.durgChief), expect: notFound },
      { viewer: "raipur", aim: "an IT member (not their section)", form: reveal("itcell", f.worker.ac49It), expect: roleRefused },
      { viewer: "pcc", aim: "another state's chief enroller", form: reveal("enrollers", f.state2.workerId), expect: notFound },
      { viewer: "signedOut", aim: "a seat-49 IT member", form: reveal("itcell", f.worker.ac49It), expect: signedOut },
    ],
    controls: (f) => [{ viewer: "ac49", aim: "a seat-49 booth's IT member", form: reveal("itcell", f.worker.ac49It) }],
  },
  "lib/appointments/actions.ts#searchWorkersAction": {
    // Reads only; that it never returns another area's worker is lib/appointments/service.db.test.ts's.
    cases: () => [
      { viewer: "ac49", aim: "workers through the enrollers section", form: { section: "enrollers", q: "ra" }, expect: roleRefused },
      { viewer: "raipur", aim: "workers through the IT-cell section", form: { section: "itcell", q: "ra" }, expect: roleRefused },
      { viewer: "signedOut", aim: "workers", form: { section: "enrollers", q: "ra" }, expect: signedOut },
    ],
  },
  "lib/appointments/actions.ts#importAppointmentsAction": {
    cases: (f) => {
      const row = (role: string, level: string, code: string) => `${role},${level},${code},Authz Import,${phone()},`;
      return [
        { viewer: "ac49", aim: "Raipur district's IT president", form: importThenApply("itcell", [row("it_president", "district", "raipur")]), expect: { importRejected: true } },
        { viewer: "ac49", aim: "Arang block's IT member (by id)", form: importThenApply("itcell", [row("it_member", "block", String(f.block.arang))]), expect: { importRejected: true } },
        { viewer: "ac49", aim: "Arang block's IT member (by name)", form: importThenApply("itcell", [row("it_member", "block", "raipur/Arang")]), expect: { importRejected: true } },
        { viewer: "ac49", aim: `a Durg booth ${f.booth.durg}`, form: importThenApply("itcell", [row("it_member", "booth", f.booth.durg)]), expect: { importRejected: true } },
        { viewer: "ac49", aim: "Raipur Lok Sabha seat's IT president", form: importThenApply("itcell", [row("it_president", "pc", "8")]), expect: { importRejected: true } },
        { viewer: "ac1", aim: "Koriya district's IT president", form: importThenApply("itcell", [row("it_president", "district", "koriya")]), expect: { importRejected: true } },
        {
          viewer: "ac1",
          aim: "Manendragarh-Chirmiri-Bharatpur's IT president",
          form: importThenApply("itcell", [row("it_president", "district", "manendragarh-chirmiri-bharatpur")]),
          expect: { importRejected: true },
        },
        { viewer: "ac1", aim: "Baikunthpur block's IT member", form: importThenApply("itcell", [row("it_member", "block", "koriya/Baikunthpur")]), expect: { importRejected: true } },
        { viewer: "koriya", aim: "seat 1's IT president", form: importThenApply("itcell", [row("it_president", "ac", "1")]), expect: { importRejected: true } },
        { viewer: "raipur", aim: `a Durg booth's enroller ${f.booth.durg}`, form: importThenApply("enrollers", [row("enroller", "booth", f.booth.durg)]), expect: { importRejected: true } },
        { viewer: "raipur", aim: "Durg's chief enroller", form: importThenApply("enrollers", [row("chief_enroller", "district", "durg")]), expect: { importRejected: true } },
        { viewer: "pcc", aim: `another state's booth ${f.state2.boothCode}`, form: importThenApply("enrollers", [row("enroller", "booth", f.state2.boothCode)]), expect: { importRejected: true } },
        { viewer: "pcc", aim: "another state's district", form: importThenApply("enrollers", [row("chief_enroller", "district", "other-district")]), expect: { importRejected: true } },
        {
          viewer: "ac49",
          aim: "an enrollers file (not the IT cell)",
          form: { section: "enrollers", intent: "apply", fingerprint: "", file: csvFile([row("enroller", "booth", f.booth.ac49Vacant[2]!.code)]) },
          expect: roleRefused,
        },
        {
          viewer: "signedOut",
          aim: "a seat-49 booth",
          form: { section: "itcell", intent: "apply", fingerprint: "", file: csvFile([row("it_member", "booth", f.booth.ac49Vacant[2]!.code)]) },
          expect: signedOut,
        },
      ];
    },
    controls: (f) => [
      {
        viewer: "ac49",
        aim: `an IT member of seat-49 booth ${f.booth.ac49Vacant[2]!.code}`,
        form: importThenApply("itcell", [`it_member,booth,${f.booth.ac49Vacant[2]!.code},Authz Import Control,${phone()},`]),
        applied: true,
      },
    ],
  },
};

// ---------------------------------------------------------------------------------------------------------
// Fixtures

async function one<T>(db: Db, label: string, query: ReturnType<typeof sql>): Promise<T> {
  const [row] = await queryRows<T>(db, query);
  if (!row) throw new Error(`fixture not found: ${label}`);
  return row;
}
const idOf = async (db: Db, label: string, query: ReturnType<typeof sql>) => Number((await one<{ id: number }>(db, label, query)).id);

/** The post's active holder; where the seed left the post vacant, one is appointed (by the state's leadership). */
async function activeAppt(db: Db, label: string, role: string, column: string, unitId: number): Promise<{ id: number; worker_id: number }> {
  const [row] = await queryRows<{ id: number; worker_id: number }>(
    db,
    sql`SELECT id, worker_id FROM appointments WHERE role = ${role} AND ${sql.identifier(column)} = ${unitId} AND ended_at IS NULL ORDER BY id LIMIT 1`,
  );
  if (row) return row;
  const { appoint } = await import("@/lib/appointments/service");
  const level = column.replace(/_id$/, "") as "pc" | "ac" | "district" | "block" | "booth";
  const made = await appoint(
    { db, viewer: await viewerFor(db, "pcc@demo.local") },
    { role: role as "it_president", level, unitId, worker: { name: `Fixture ${label}`, phone: phone(), epic: null } },
  );
  return { id: made.appointmentId, worker_id: made.workerId };
}

async function addUser(db: Db, email: string, role: string, stateId: number, level: string, unit: { pcId?: number; acId?: number; districtId?: number }): Promise<number> {
  return idOf(
    db,
    email,
    sql`INSERT INTO users (email, name, password_hash, role, state_id, scope_level, pc_id, ac_id, district_id)
      VALUES (${email}, ${email}, 'not-a-hash', ${role}, ${stateId}, ${level}, ${unit.pcId ?? null}, ${unit.acId ?? null}, ${unit.districtId ?? null}) RETURNING id`,
  );
}

async function buildFixtures(db: Db): Promise<Fixtures> {
  const { appoint } = await import("@/lib/appointments/service");
  const { issueToken } = await import("@/lib/members/api/tokens");
  const { createTraining } = await import("@/lib/trainings/service");
  const { listTrainings } = await import("@/lib/trainings/queries");
  const { enterBookMember } = await import("@/lib/members/enrol/book");
  const { BookMember } = await import("@/lib/members/enrol/validation");

  const district = async (slug: string) => idOf(db, slug, sql`SELECT id FROM districts WHERE slug = ${slug} AND state_id = 1`);
  const ac = async (no: number) => idOf(db, `AC ${no}`, sql`SELECT id FROM assembly_seats WHERE no = ${no} AND state_id = 1`);
  const pc = async (no: number) => idOf(db, `PC ${no}`, sql`SELECT id FROM lok_sabha_seats WHERE no = ${no} AND state_id = 1`);
  const block = async (districtId: number, name?: string) =>
    idOf(db, `block ${name ?? districtId}`, name ? sql`SELECT id FROM blocks WHERE district_id = ${districtId} AND name = ${name}` : sql`SELECT id FROM blocks WHERE district_id = ${districtId} ORDER BY id LIMIT 1`);

  const d = { raipur: await district("raipur"), durg: await district("durg"), koriya: await district("koriya"), mcb: await district("manendragarh-chirmiri-bharatpur") };
  const a = { n49: await ac(49), n47: await ac(47), n1: await ac(1), n2: await ac(2) };
  const p = { raipur: await pc(8), korba: await pc(4) };

  // The seat-crossing blocks are found from the booths, so the test follows the seed rather than trusting names.
  const crossing = async (acId: number, districtId: number) =>
    idOf(
      db,
      `a block of district ${districtId} crossing AC ${acId}`,
      sql`SELECT block_id AS id FROM booths WHERE district_id = ${districtId} AND block_id IS NOT NULL GROUP BY block_id
        HAVING bool_or(ac_id = ${acId}) AND bool_or(ac_id <> ${acId}) ORDER BY block_id LIMIT 1`,
    );
  const inside = async (acId: number) =>
    idOf(
      db,
      `a block wholly inside AC ${acId}`,
      sql`SELECT block_id AS id FROM booths WHERE block_id IS NOT NULL GROUP BY block_id HAVING bool_and(ac_id = ${acId}) ORDER BY block_id LIMIT 1`,
    );
  const bl = {
    arang: await crossing(a.n49, d.raipur),
    durg: await block(d.durg),
    raipur: await block(d.raipur),
    baikunthpur: await crossing(a.n1, d.koriya),
    khadgawan: await crossing(a.n1, d.mcb),
    bharatpur: await inside(a.n1),
  };

  const vacantBooths = (acId: number, n: number) =>
    queryRows<{ id: number; code: string }>(
      db,
      sql`SELECT b.id, b.code FROM booths b WHERE b.ac_id = ${acId}
        AND NOT EXISTS (SELECT 1 FROM appointments x WHERE x.booth_id = b.id AND x.role = 'it_member' AND x.ended_at IS NULL)
        ORDER BY b.code LIMIT ${n}`,
    );
  const durgBooth = await one<{ id: number; code: string }>(db, "a Durg booth", sql`SELECT id, code FROM booths WHERE district_id = ${d.durg} ORDER BY code LIMIT 1`);
  const raipurBooth = await one<{ code: string }>(db, "a Raipur booth", sql`SELECT code FROM booths WHERE district_id = ${d.raipur} AND ac_id = ${a.n49} ORDER BY code LIMIT 1`);
  const ac2Booth = await one<{ id: number; code: string }>(db, "an AC 2 booth", sql`SELECT id, code FROM booths WHERE ac_id = ${a.n2} ORDER BY code LIMIT 1`);
  const ac49Vacant = await vacantBooths(a.n49, 3);
  const ac1Vacant = await vacantBooths(a.n1, 3);
  if (ac49Vacant.length < 3 || ac1Vacant.length < 1) throw new Error("fixture: not enough vacant booths");

  const raipurItPresident = await activeAppt(db, "Raipur IT president", "it_president", "district_id", d.raipur);
  const durgItPresident = await activeAppt(db, "Durg IT president", "it_president", "district_id", d.durg);
  const koriyaItPresident = await activeAppt(db, "Koriya IT president", "it_president", "district_id", d.koriya);
  const mcbItPresident = await activeAppt(db, "MCB IT president", "it_president", "district_id", d.mcb);
  const ac49ItPresident = await activeAppt(db, "AC 49 IT president", "it_president", "ac_id", a.n49);
  const ac1ItPresident = await activeAppt(db, "AC 1 IT president", "it_president", "ac_id", a.n1);
  const ac47ItPresident = await activeAppt(db, "AC 47 IT president", "it_president", "ac_id", a.n47);
  const pcRaipurItPresident = await activeAppt(db, "PC 8 IT president", "it_president", "pc_id", p.raipur);
  const durgChief = await activeAppt(db, "Durg chief enroller", "chief_enroller", "district_id", d.durg);
  const raipurChief = await activeAppt(db, "Raipur chief enroller", "chief_enroller", "district_id", d.raipur);
  const raipurBlockChief = await activeAppt(db, "Raipur block chief enroller", "chief_enroller", "block_id", bl.raipur);
  const balodaBazarChief = await activeAppt(db, "Baloda Bazar chief enroller", "chief_enroller", "district_id", await district("baloda-bazar"));
  /** The worker of the first active booth post of `role` whose booth has `column` = `unitId`. */
  const boothWorker = (label: string, role: "it_member" | "enroller", column: "district_id" | "ac_id", unitId: number) =>
    one<{ worker_id: number }>(
      db,
      label,
      sql`SELECT x.worker_id FROM appointments x JOIN booths b ON b.id = x.booth_id WHERE b.${sql.identifier(column)} = ${unitId} AND x.role = ${role} AND x.ended_at IS NULL ORDER BY x.id LIMIT 1`,
    );
  const durgIt = await boothWorker("a Durg booth IT member", "it_member", "district_id", d.durg);
  const durgEnroller = await boothWorker("a Durg booth enroller", "enroller", "district_id", d.durg);
  const ac2It = await boothWorker("an AC 2 booth IT member", "it_member", "ac_id", a.n2);
  const ac49It = await boothWorker("an AC 49 booth IT member", "it_member", "ac_id", a.n49);

  // The people acting: IT heads of seat 49, of seat 1 (two districts) and of Koriya district, and a user to administer.
  await addUser(db, "it-ac49@test.local", "it_head", 1, "ac", { acId: a.n49 });
  await addUser(db, "it-ac1@test.local", "it_head", 1, "ac", { acId: a.n1 });
  await addUser(db, "it-koriya@test.local", "it_head", 1, "district", { districtId: d.koriya });
  const cgUser = await addUser(db, "cg-user@test.local", "it_head", 1, "district", { districtId: d.durg });
  const pcc = await viewerFor(db, "pcc@demo.local");
  const raipur = await viewerFor(db, "raipur@demo.local");

  // A second state with one of everything, made through the services as its own leadership would.
  await db.execute(sql`INSERT INTO states (id, code, name, name_hi, lok_sabha_seats, assembly_seats) VALUES (2, 'ZZ', 'Otherstate', 'अन्य राज्य', 1, 999)`);
  const s2pc = await idOf(db, "state 2 PC", sql`INSERT INTO lok_sabha_seats (state_id, no, name) VALUES (2, 1, 'Other PC') RETURNING id`);
  const s2district = await idOf(db, "state 2 district", sql`INSERT INTO districts (state_id, slug, name) VALUES (2, 'other-district', 'Other District') RETURNING id`);
  const s2ac = await idOf(db, "state 2 AC", sql`INSERT INTO assembly_seats (state_id, pc_id, no, name) VALUES (2, ${s2pc}, 901, 'Other AC') RETURNING id`);
  await db.execute(sql`INSERT INTO assembly_seat_districts (ac_id, district_id) VALUES (${s2ac}, ${s2district})`);
  const s2block = await idOf(db, "state 2 block", sql`INSERT INTO blocks (state_id, district_id, name) VALUES (2, ${s2district}, 'Other Block') RETURNING id`);
  const s2booth = await idOf(
    db,
    "state 2 booth",
    sql`INSERT INTO booths (state_id, pc_id, ac_id, district_id, block_id, part_no, code, name) VALUES (2, ${s2pc}, ${s2ac}, ${s2district}, ${s2block}, 1, '901-001', 'Other Booth') RETURNING id`,
  );
  const s2user = await addUser(db, "lead@other.test", "leadership", 2, "state", {});
  const lead2 = await viewerFor(db, "lead@other.test");
  const ctx2 = { db, viewer: lead2, t };
  const s2chief = await appoint(ctx2, { role: "chief_enroller", level: "district", unitId: s2district, worker: { name: "Other Chief", phone: phone(), epic: null } });
  const s2it = await appoint(ctx2, { role: "it_president", level: "ac", unitId: s2ac, worker: { name: "Other IT", phone: phone(), epic: null } });
  const s2token = await issueToken(db, lead2, { appointmentId: s2chief.appointmentId });
  if (!s2token.ok) throw new Error("fixture: state 2 token");
  const s2training = await createTraining(ctx2, { title: "Other training", place: "Hall", level: "district", districtId: s2district, startsOn: "2026-11-01", endsOn: "2026-11-01" });
  const s2member = await enterBookMember(db, lead2, BookMember.parse(bookForm("901-001")));
  if (s2member.kind !== "created") throw new Error(`fixture: state 2 member ${s2member.kind}`);

  const durgToken = await issueToken(db, pcc, { appointmentId: durgChief.id });
  if (!durgToken.ok) throw new Error("fixture: Durg token");
  const raipurDemo = await idOf(db, "Raipur's demo token", sql`SELECT id FROM api_tokens WHERE label = 'Demo token' AND state_id = 1`);

  const visible = new Set((await listTrainings(db, raipur)).map((r) => r.id));
  const raipurTraining = await idOf(db, "Raipur's session", sql`SELECT id FROM trainings WHERE district_id = ${d.raipur} ORDER BY id LIMIT 1`);
  const allTrainings = await queryRows<{ id: number }>(db, sql`SELECT id FROM trainings WHERE state_id = 1 ORDER BY id`);
  const hidden = allTrainings.find((r) => !visible.has(Number(r.id)));
  if (!hidden) throw new Error("fixture: no session hidden from Raipur");

  const durgMember = await one<{ no: string }>(db, "a Durg member", sql`SELECT membership_no AS no FROM members WHERE district_id = ${d.durg} AND erased_at IS NULL ORDER BY id LIMIT 1`);
  const raipurMembers = await queryRows<{ no: string }>(db, sql`SELECT membership_no AS no FROM members WHERE district_id = ${d.raipur} AND erased_at IS NULL ORDER BY id LIMIT 2`);
  if (raipurMembers.length < 2) throw new Error("fixture: Raipur members");

  const v: Record<ViewerKey, Viewer | null> = {
    raipur,
    ac49: await viewerFor(db, "it-ac49@test.local"),
    ac1: await viewerFor(db, "it-ac1@test.local"),
    koriya: await viewerFor(db, "it-koriya@test.local"),
    pcc,
    admin: await viewerFor(db, "admin@demo.local"),
    signedOut: null,
  };
  return {
    v,
    state2: {
      id: 2,
      districtId: s2district,
      acId: s2ac,
      pcId: s2pc,
      blockId: s2block,
      boothId: s2booth,
      boothCode: "901-001",
      userId: s2user,
      chiefAppt: s2chief.appointmentId,
      itAppt: s2it.appointmentId,
      workerId: s2chief.workerId,
      tokenId: s2token.id,
      trainingId: s2training.id,
      memberNo: s2member.membershipNo,
    },
    district: d,
    ac: a,
    pc: p,
    block: bl,
    booth: { durg: durgBooth.code, durgId: durgBooth.id, raipur: raipurBooth.code, ac2: ac2Booth.code, ac2Id: ac2Booth.id, ac49Vacant, ac1Vacant },
    appt: {
      raipurItPresident: raipurItPresident.id,
      durgItPresident: durgItPresident.id,
      koriyaItPresident: koriyaItPresident.id,
      mcbItPresident: mcbItPresident.id,
      ac49ItPresident: ac49ItPresident.id,
      ac1ItPresident: ac1ItPresident.id,
      ac47ItPresident: ac47ItPresident.id,
      durgChief: durgChief.id,
      raipurBlockChief: raipurBlockChief.id,
    },
    worker: {
      raipurItPresident: raipurItPresident.worker_id,
      pcRaipurItPresident: pcRaipurItPresident.worker_id,
      koriyaItPresident: koriyaItPresident.worker_id,
      ac1ItPresident: ac1ItPresident.worker_id,
      durgIt: durgIt.worker_id,
      durgEnroller: durgEnroller.worker_id,
      ac2It: ac2It.worker_id,
      ac49It: ac49It.worker_id,
      balodaBazarChief: balodaBazarChief.worker_id,
      raipurChief: raipurChief.worker_id,
      durgChief: durgChief.worker_id,
    },
    token: { durg: durgToken.id, raipurDemo },
    training: { raipur: raipurTraining, hidden: Number(hidden.id) },
    member: { durg: durgMember.no, raipur: raipurMembers.map((r) => r.no) },
    cgUser,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Running

function toForm(fields: Fields): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) form.append(k, v);
  return form;
}

type ActionFn = (...args: unknown[]) => Promise<unknown>;

async function loadActions(): Promise<Map<string, ActionFn>> {
  const out = new Map<string, ActionFn>();
  for (const file of actionFiles) {
    const mod = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value === "function") out.set(`${file.split(path.sep).join("/")}#${name}`, value as ActionFn);
    }
  }
  return out;
}

function checkRefusal(result: Result, expected: Expect): string | null {
  if ("nothingWritten" in expected) return null;
  if ("importRejected" in expected) {
    const data = result?.data as { status?: string; counts?: { rejected?: number; appointed?: number; replaced?: number } } | undefined;
    if (result?.ok !== true) return `expected an import report, got ${JSON.stringify(result)}`;
    if (data?.status !== "rejected" || !data.counts?.rejected) return `expected the file rejected, got status ${data?.status} ${JSON.stringify(data?.counts)}`;
    return null;
  }
  if (!result || result.ok !== false) return `NOT REFUSED: ${JSON.stringify(result)?.slice(0, 400)}`;
  if (result.code !== expected.code) return `expected code ${expected.code}, got ${result.code} (${result.message}; ${JSON.stringify(result.fieldErrors)})`;
  if ("message" in expected && expected.message && result.message !== expected.message) return `expected "${expected.message}", got "${result.message}"`;
  if ("field" in expected && !result.fieldErrors?.[expected.field]) return `expected a field error on ${expected.field}, got ${JSON.stringify(result.fieldErrors)}`;
  return null;
}

describe.each(testEngines())("every server action, aimed outside the viewer's area, on %s", (engine) => {
  let h: DbHandle;
  let f: Fixtures;
  let actions: Map<string, ActionFn>;

  beforeAll(async () => {
    actions = await loadActions();
    h = await createTestDb(engine);
    await seed(h.db, { members: 2000, now: NOW, demoUsers: true });
    current.db = h.db;
    f = await buildFixtures(h.db);
  }, 600_000);
  afterAll(async () => {
    current.db = undefined;
    current.viewer = null;
    await h?.close();
  });

  it("finds the action modules on disk, and every exported action and inline action has a row", () => {
    // Every server action lives in a feature's actions.ts (issue 10): the modules found are exactly those.
    expect(actionFiles.map((file) => file.split(path.sep).join("/")).sort()).toEqual([
      "lib/appointments/actions.ts",
      "lib/auth/actions.ts",
      "lib/i18n/actions.ts",
      "lib/members/actions.ts",
      "lib/members/quality/actions.ts",
      "lib/targets/actions.ts",
      "lib/trainings/actions.ts",
      "lib/users/actions.ts",
    ]);
    expect(actions.size).toBeGreaterThanOrEqual(20);
    const missing = [...actions.keys()].filter((k) => !(k in ACTIONS));
    expect(missing, `exported server actions without a row in ACTIONS: ${missing.join(", ")}`).toEqual([]);
    const stale = Object.keys(ACTIONS).filter((k) => !actions.has(k));
    expect(stale, `rows in ACTIONS for actions that no longer exist: ${stale.join(", ")}`).toEqual([]);
    const inlineMissing = inlineFiles.map((file) => file.split(path.sep).join("/")).filter((file) => !(file in INLINE));
    expect(inlineMissing, `files with an inline "use server" function and no reason in INLINE: ${inlineMissing.join(", ")}`).toEqual([]);
    const inlineStale = Object.keys(INLINE).filter((file) => !inlineFiles.map((f) => f.split(path.sep).join("/")).includes(file));
    expect(inlineStale, `files in INLINE without an inline "use server" function: ${inlineStale.join(", ")}`).toEqual([]);

    const rows = Object.values(ACTIONS).filter((r): r is Exclude<Row, { exempt: string }> => !("exempt" in r));
    const cases = rows.flatMap((r) => r.cases(f));
    const controls = rows.flatMap((r) => r.controls?.(f) ?? []);
    const viewers = new Set(cases.map((c) => c.viewer));
    console.log(
      `authorization matrix (server actions, ${engine}): ${actions.size} exported actions in ${actionFiles.length} modules ` +
        `(${Object.keys(ACTIONS).length - rows.length} exempt, ${Object.keys(INLINE).length} inline exempt), ${viewers.size} viewers, ` +
        `${cases.length} refusal cases, ${controls.length} positive controls`,
    );
  });

  // One test per action, so a failure names the action; inside it, every case with its viewer and aim.
  it.each(Object.keys(ACTIONS).filter((k) => !("exempt" in ACTIONS[k]!)))("%s: refused and nothing written", async (key) => {
    const row = ACTIONS[key] as Exclude<Row, { exempt: string }>;
    const fn = actions.get(key);
    expect(fn, `${key} was not found on disk`).toBeDefined();
    const failures: string[] = [];
    let baseline = await tablesFingerprint(h.db);

    const runAs = (viewer: ViewerKey): Caller => async (fields) => {
      current.viewer = f.v[viewer];
      current.cookies.clear();
      return (row.formOnly ? await fn!(toForm(fields)) : await fn!(null, toForm(fields))) as Result;
    };

    for (const c of row.cases(f)) {
      const call = runAs(c.viewer);
      const fields = typeof c.form === "function" ? await c.form(call) : c.form;
      let result: Result;
      try {
        result = await call(fields);
      } catch (err) {
        result = undefined;
        failures.push(`${c.viewer} → ${c.aim}: threw ${(err as Error).message}`);
      }
      const after = await tablesFingerprint(h.db);
      const changed = changedTables(baseline, after);
      if (Object.keys(changed).length > 0) {
        failures.push(`${c.viewer} → ${c.aim}: WROTE ${Object.keys(changed).join(", ")} (result ${JSON.stringify(result)?.slice(0, 300)})`);
        baseline = after;
      }
      if (result !== undefined || !("nothingWritten" in c.expect)) {
        const problem = checkRefusal(result, c.expect);
        if (problem) failures.push(`${c.viewer} → ${c.aim}: ${problem}`);
      }
    }

    for (const c of row.controls?.(f) ?? []) {
      const call = runAs(c.viewer);
      let fields: Fields;
      if (typeof c.form === "function") fields = await c.form(call);
      else fields = { ...c.form };
      // The attendance control flips the mark, so that it changes something whatever the seed left.
      for (const [k, v] of Object.entries(fields)) {
        if (v === "__toggle__") {
          const [mark] = await queryRows<{ days: number }>(
            h.db,
            sql`SELECT days_attended AS days FROM training_attendance WHERE training_id = ${f.training.raipur} AND worker_id = ${f.worker.raipurChief}`,
          );
          fields[k] = mark && mark.days > 0 ? "0" : "1";
        }
      }
      baseline = await tablesFingerprint(h.db);
      const result = await call(fields);
      const after = await tablesFingerprint(h.db);
      const okResult = c.applied ? result?.ok === true && (result.data as { status?: string }).status === "applied" : result?.ok === true;
      if (!okResult) failures.push(`control ${c.viewer} → ${c.aim}: expected success, got ${JSON.stringify(result)?.slice(0, 400)}`);
      else if (Object.keys(changedTables(baseline, after)).length === 0) failures.push(`control ${c.viewer} → ${c.aim}: succeeded but wrote nothing`);
    }

    expect(failures).toEqual([]);
  });
});
