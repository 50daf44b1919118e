/**
 * `npm run user:create -- --email a@b.c --role admin [--scope state|pc:NO|ac:NO|district:SLUG] [--name "…"]
 *  [--state CG] [--password-stdin]`
 *
 * Creates a dashboard user, e.g. a fresh deployment's first administrator, in the database named by
 * DATABASE_URL, or the embedded PGlite database in `.data/` when it is unset. The same schema and service
 * as the "Add a user" form check it (role × area level, the area exists in the state, the email is free),
 * and an audit event is written with actor `cli:user-create`.
 *
 * Without --password-stdin a temporary password is generated and printed once; with it, the first line of
 * standard input is the password (`printf '%s\n' "$PW" | npm run user:create -- … --password-stdin`), so it
 * never appears in the shell history or the process list.
 *
 * Exit codes: 0 created, 1 refused (invalid, unknown area, duplicate email), 2 usage error.
 * PGlite does not lock its data folder: do not run this beside a server that has the same folder open.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { and, asc, eq } from "drizzle-orm";
import { getDbHandle, migrateDb, type DbOrTx } from "@/db/client";
import { assemblySeats, districts, lokSabhaSeats, states, USER_ROLES, type ScopeLevel } from "@/db/schema";
import { ActionError } from "@/lib/errors";
import { isMessageKey, translator } from "@/lib/i18n";
import { NewUser, unitValue } from "@/lib/users/schema";
import { createUser, temporaryPassword } from "@/lib/users/service";

export const CLI_ACTOR = "cli:user-create";

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** All of standard input (only read with --password-stdin). */
  readStdin(): Promise<string>;
}

const USAGE = [
  "usage: npm run user:create -- --email EMAIL --role ROLE [--scope SCOPE] [--name NAME] [--state CODE] [--password-stdin]",
  "",
  `  --role      ${USER_ROLES.join(" | ")}`,
  "  --scope     state (default) | pc:NO | ac:NO | district:SLUG   (e.g. ac:49, district:raipur)",
  "  --name      shown in the dashboard (default: the part of the email before @)",
  "  --state     state code, e.g. CG (default: the only state in the database)",
  "  --password-stdin  read the password from the first line of standard input;",
  "              otherwise a temporary password is generated and printed once",
].join("\n");

interface Args {
  email: string;
  role: string;
  scope: string;
  name?: string;
  state?: string;
  passwordStdin: boolean;
}

function parseArgs(argv: readonly string[]): Args | null {
  const values: Record<string, string> = {};
  let passwordStdin = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--password-stdin") {
      passwordStdin = true;
      continue;
    }
    const m = /^--(email|role|scope|name|state)(?:=(.*))?$/.exec(arg);
    if (!m) return null;
    const value = m[2] ?? argv[++i];
    if (value === undefined || m[1]! in values) return null;
    values[m[1]!] = value;
  }
  if (!values.email || !values.role) return null;
  if (values.scope !== undefined && !/^(state|(pc|ac):[0-9]{1,4}|district:[A-Za-z0-9-]+)$/.test(values.scope)) return null;
  return { email: values.email, role: values.role, scope: values.scope ?? "state", name: values.name, state: values.state, passwordStdin };
}

type Resolved<T> = { ok: true; value: T } | { ok: false; message: string };

async function resolveState(db: DbOrTx, code: string | undefined): Promise<Resolved<{ id: number; code: string }>> {
  const rows = await db.select({ id: states.id, code: states.code }).from(states).orderBy(asc(states.code));
  if (code) {
    const found = rows.find((s) => s.code === code.toUpperCase());
    return found ? { ok: true, value: found } : { ok: false, message: `state "${code.toUpperCase()}" is not in the database (states: ${rows.map((s) => s.code).join(", ") || "none"})` };
  }
  if (rows.length === 1) return { ok: true, value: rows[0]! };
  if (rows.length === 0) {
    return { ok: false, message: "the database has no state yet: import the geography first (npm run import -- geography FILE --state CG --state-name …)" };
  }
  return { ok: false, message: `the database has several states (${rows.map((s) => s.code).join(", ")}): name one with --state` };
}

/** `pc:4` → the form's value for that unit (`pc:<id>`), looked up by number or slug inside the state. */
async function resolveScope(db: DbOrTx, stateId: number, scope: string): Promise<Resolved<{ level: ScopeLevel; unitId?: string }> | null> {
  if (scope === "state") return { ok: true, value: { level: "state" } };
  const m = /^(pc|ac|district):(.+)$/.exec(scope);
  if (!m) return null;
  const level = m[1] as "pc" | "ac" | "district";
  const key = m[2]!;
  let rows: { id: number }[];
  if (level === "district") {
    rows = await db.select({ id: districts.id }).from(districts).where(and(eq(districts.stateId, stateId), eq(districts.slug, key.toLowerCase())));
  } else {
    if (!/^[0-9]{1,4}$/.test(key)) return null;
    const table = level === "pc" ? lokSabhaSeats : assemblySeats;
    rows = await db.select({ id: table.id }).from(table).where(and(eq(table.stateId, stateId), eq(table.no, Number(key))));
  }
  const id = rows[0]?.id;
  if (id === undefined) {
    const what = { pc: "Lok Sabha seat", ac: "assembly seat", district: "district" }[level];
    return { ok: false, message: `no ${what} "${key}" in this state` };
  }
  return { ok: true, value: { level, unitId: unitValue(level, id) } };
}

/** Runs the command against an open database; returns the exit code. Exported for the tests. */
export async function userCreate(db: DbOrTx, argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  if (!args) {
    io.err(USAGE);
    return 2;
  }
  const state = await resolveState(db, args.state);
  if (!state.ok) {
    io.err(`refused: ${state.message}`);
    return 1;
  }
  const scope = await resolveScope(db, state.value.id, args.scope);
  if (!scope) {
    io.err(`--scope "${args.scope}" is not state, pc:NO, ac:NO or district:SLUG\n\n${USAGE}`);
    return 2;
  }
  if (!scope.ok) {
    io.err(`refused: ${scope.message}`);
    return 1;
  }
  let password: string;
  let generated = false;
  if (args.passwordStdin) {
    password = (await io.readStdin()).split(/\r?\n/)[0] ?? "";
  } else {
    password = temporaryPassword();
    generated = true;
  }
  const parsed = NewUser.safeParse({
    email: args.email,
    name: args.name ?? args.email.split("@")[0],
    role: args.role,
    scopeLevel: scope.value.level,
    unitId: scope.value.unitId,
    password,
  });
  const t = translator("en");
  const say = (msg: string) => (isMessageKey(msg) ? t(msg) : msg);
  if (!parsed.success) {
    io.err("refused, nothing was written:");
    for (const issue of parsed.error.issues) io.err(`  ${issue.path.join(".") || "input"}: ${say(issue.message)}`);
    return 1;
  }
  try {
    const created = await createUser(db, { label: CLI_ACTOR, stateId: state.value.id }, parsed.data);
    const where = created.scope.level === "state" ? `state ${created.scope.key}` : `${created.scope.level} ${created.scope.key} (${created.scope.name})`;
    io.out(`created user ${created.id}: ${created.email}, ${created.role}, ${where}`);
    if (generated) io.out(`temporary password (shown once, not stored anywhere in clear): ${password}`);
    return 0;
  } catch (err) {
    if (!(err instanceof ActionError)) throw err;
    io.err(`refused, nothing was written: ${err.fieldErrors ? Object.values(err.fieldErrors).join("; ") : err.message}`);
    return 1;
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (!parseArgs(argv)) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const handle = await getDbHandle();
  try {
    console.log(`database: ${handle.engine} (${handle.location})`);
    await migrateDb(handle);
    process.exitCode = await userCreate(handle.db, argv, {
      out: (line) => console.log(line),
      err: (line) => console.error(line),
      readStdin: () => readAll(process.stdin),
    });
  } catch (err) {
    console.error(`user:create failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  } finally {
    await handle.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
