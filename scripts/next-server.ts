/**
 * The benchmarks' server: `next start` on a production build (built first when the folder has none), on
 * 127.0.0.1, answering /api/health before it is used. NODE_OPTIONS does not reach it (tsx's loader and
 * conditions belong to the benchmark's own process); node flags for the server go in `nodeArgs`.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";

export function buildIfMissing(dist: string, log: (m: string) => void): void {
  if (existsSync(path.join(dist, "BUILD_ID"))) return;
  log(`building into ${dist}`);
  const b = spawnSync("node_modules/.bin/next", ["build"], { stdio: "inherit", env: { ...process.env, NEXT_DIST_DIR: dist, NODE_OPTIONS: "" } });
  if (b.status !== 0) throw new Error("next build failed");
}

export async function startNextServer(opts: {
  dist: string;
  port: number;
  databaseUrl: string;
  env?: Record<string, string>;
  nodeArgs?: string[];
}): Promise<ChildProcess> {
  const health = `http://127.0.0.1:${opts.port}/api/health`;
  // A server already on the port would be measured instead of ours.
  if (await fetch(health).then(() => true, () => false)) throw new Error(`port ${opts.port} is already in use`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_DIST_DIR: opts.dist,
    DATABASE_URL: opts.databaseUrl,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    AUTH_TRUST_HOST: "true",
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
    ...opts.env,
  };
  delete env.NODE_OPTIONS;
  const server = spawn(
    process.execPath,
    [...(opts.nodeArgs ?? []), "node_modules/next/dist/bin/next", "start", "-p", String(opts.port), "-H", "127.0.0.1"],
    { env, stdio: ["ignore", "ignore", "inherit"] },
  );
  for (let i = 0; i < 120; i++) {
    await new Promise((r) => setTimeout(r, 500));
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`);
    if (await fetch(health).then((r) => r.ok, () => false)) return server;
  }
  server.kill("SIGTERM");
  throw new Error(`the server on ${opts.port} did not answer /api/health within 60 s`);
}
