/**
 * `npm run demo`: migrate and (if empty) seed the embedded database with the demo users, build, and serve on
 * $PORT (default 3000). A second run reuses the data in .data/. With DATABASE_URL set, the same steps run
 * against PostgreSQL.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { getDbHandle, migrateDb } from "@/db/client";
import { formatNumber } from "@/lib/format";
import { isSeeded, seed } from "@/lib/seed";
import { seedQuality } from "@/lib/members/quality/seed-quality";

const port = process.env.PORT ?? "3000";

function ensureAuthSecret(): void {
  if (process.env.AUTH_SECRET) return;
  const file = ".env.local";
  const current = existsSync(file) ? readFileSync(file, "utf8") : "";
  if (/^AUTH_SECRET=/m.test(current)) return;
  // A fresh random secret per installation; never a constant in the code.
  const line = `AUTH_SECRET=${randomBytes(32).toString("base64url")}\n`;
  writeFileSync(file, current && !current.endsWith("\n") ? `${current}\n${line}` : current + line, { mode: 0o600 });
  console.log("wrote a new AUTH_SECRET to .env.local");
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: "inherit", env });
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} failed (${signal ?? code})`)),
    );
  });
}

async function prepareDatabase(): Promise<void> {
  const handle = await getDbHandle();
  try {
    await migrateDb(handle);
    if (await isSeeded(handle.db)) {
      console.log(`database ready (${handle.engine}: ${handle.location}); reusing its data`);
      return;
    }
    const members = Number(process.env.SEED_MEMBERS ?? 200_000);
    console.log(`seeding ${handle.engine} with ${formatNumber(members)} members (once; later runs reuse it)…`);
    const started = Date.now();
    await seed(handle.db, { members, demoUsers: true, quality: seedQuality, log: (m) => console.log(`  ${m}`) });
    console.log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    // PGlite does not lock its folder: the server opens it only after this process lets go.
    await handle.close();
  }
}

ensureAuthSecret();
await prepareDatabase();
if (process.env.DEMO_SKIP_BUILD !== "1" || !existsSync(".next/BUILD_ID")) {
  const started = Date.now();
  await run("node_modules/.bin/next", ["build"]);
  console.log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
console.log(`serving on http://localhost:${port} — sign in as pcc@demo.local / demo-password`);
const server = spawn("node_modules/.bin/next", ["start", "-p", port], {
  stdio: "inherit",
  env: { ...process.env, AUTH_TRUST_HOST: "true" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
