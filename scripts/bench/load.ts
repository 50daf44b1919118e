/**
 * Load through autocannon in a process of its own: `runLoad(config)` starts
 * `node --import tsx scripts/bench/autocannon-runner.ts <config as JSON>` and reads the figures it prints.
 * The load generator thus never shares the benchmark's event loop (it does share the machine's 2 cores with
 * the server and PostgreSQL, so every figure is a floor). Two runs started together run at once (the mixed
 * load).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { killTree } from "@/scripts/bench/procs";
import type { ApiClient } from "@/scripts/bench/signup";

export interface LoadConfig {
  /** e.g. http://127.0.0.1:3451 */
  base: string;
  path: string;
  connections: number;
  seconds: number;
  /** GET with these headers (the session cookie); or, with `signUps`, POST sign-ups to the enrolment API. */
  headers?: Record<string, string>;
  signUps?: { clients: ApiClient[]; epicPrefix: string; firstIndex: number };
}

export interface LoadResult {
  connections: number;
  seconds: number;
  requests: number;
  perSecond: number;
  /** 2xx answers per second (for the API: sign-ups, 201). */
  okPerSecond: number;
  /** Latency percentiles in ms; null when no answer came within the run. */
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  statuses: Record<string, number>;
  non2xx: number;
  errors: number;
  timeouts: number;
}

const RUNNER = path.join(process.cwd(), "scripts", "bench", "autocannon-runner.ts");

export function runLoad(config: LoadConfig): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const child = spawn(process.execPath, ["--import", "tsx", RUNNER, JSON.stringify(config)], { env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    // A runner that outlives its duration by far is hung: end it rather than the benchmark.
    const guard = setTimeout(() => void killTree(child.pid), (config.seconds + 60) * 1000);
    child.on("error", reject);
    child.on("exit", (code, sig) => {
      clearTimeout(guard);
      const line = out.trim().split("\n").pop() ?? "";
      if (code !== 0) return reject(new Error(`autocannon runner for ${config.path} exited with ${sig ?? code}`));
      try {
        resolve(JSON.parse(line) as LoadResult);
      } catch {
        reject(new Error(`autocannon runner for ${config.path} printed no result: ${out.slice(0, 300)}`));
      }
    });
  });
}

export const latency = (ms: number | null) => (ms === null ? "—" : `${ms.toFixed(0)} ms`);

/** One line for the report: rate, percentiles, answers. */
export function describeLoad(r: LoadResult, what = "req/s"): string {
  const answers = Object.entries(r.statuses).map(([s, n]) => `${s}×${n}`).join(" ");
  const problems = r.errors + r.timeouts > 0 ? `, ${r.errors} errors, ${r.timeouts} timeouts` : "";
  return `${r.okPerSecond.toFixed(1)} ${what} · p50 ${latency(r.p50)} · p95 ${latency(r.p95)} · p99 ${latency(r.p99)} (${answers}${problems})`;
}
