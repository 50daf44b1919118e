/**
 * Process helpers of `npm run cluster`: Debian packages installed when missing (as `.ci/run` installs
 * Chromium), detached processes that outlive the script (each leads a process group of its own, its output
 * appended to a log), and stopping a recorded process: SIGTERM to its group, then SIGKILL after a grace period
 * (`next start` does not always exit on SIGTERM).
 */
import { spawn, spawnSync, type SpawnOptions } from "node:child_process";
import { openSync, closeSync, readFileSync } from "node:fs";
import type { PidRecord } from "@/scripts/cluster/layout";

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function packageInstalled(name: string): boolean {
  const q = spawnSync("dpkg-query", ["-W", "-f=${Status}", name], { encoding: "utf8" });
  return q.status === 0 && q.stdout.includes("install ok installed");
}

export function ensurePackages(names: string[], log: (m: string) => void): void {
  const missing = names.filter((n) => !packageInstalled(n));
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(", ")}; install them as root (apt-get install -y ${missing.join(" ")})`);
  }
  log(`installing ${missing.join(", ")} (apt-get)…`);
  for (const args of [["update", "-qq"], ["install", "-y", "-qq", ...missing]]) {
    const r = spawnSync("apt-get", args, { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(" ")} failed (${r.signal ?? r.status})`);
  }
}

/** Starts `cmd` in a session of its own with its output appended to `logFile`; the script may exit after. */
export function spawnDetached(cmd: string, args: string[], logFile: string, opts: Omit<SpawnOptions, "stdio" | "detached"> = {}): number {
  const fd = openSync(logFile, "a");
  try {
    const child = spawn(cmd, args, { ...opts, detached: true, stdio: ["ignore", fd, fd] });
    if (child.pid === undefined) throw new Error(`could not start ${cmd}`);
    child.on("error", () => undefined);
    child.unref();
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

function cmdline(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return null;
  }
}

/** The recorded process still runs (and is the one we started: its command line has the marker). */
export function isRunning(rec: PidRecord | undefined): boolean {
  if (!rec) return false;
  const line = cmdline(rec.pid);
  return line !== null && line.includes(rec.marker) && !isZombie(rec.pid);
}

function isZombie(pid: number): boolean {
  try {
    return /^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return true;
  }
}

/** Some process of the group the recorded process leads is still alive. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(rec: PidRecord, signal: NodeJS.Signals): void {
  try {
    // The whole group (detached spawn: pgid = pid), so that a child the process started ends with it.
    process.kill(-rec.pid, signal);
  } catch {
    try {
      if (isRunning(rec)) process.kill(rec.pid, signal);
    } catch {
      /* gone */
    }
  }
}

async function waitGone(rec: PidRecord, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!isRunning(rec) && !groupAlive(rec.pid)) return true;
    await sleep(200);
  }
  return !isRunning(rec) && !groupAlive(rec.pid);
}

/**
 * SIGTERM, then SIGKILL when it has not ended after `graceMs`. A PID that no longer names our process is left
 * alone (its group is signalled only while the recorded process itself still runs).
 */
export async function stopProcess(rec: PidRecord | undefined, graceMs: number): Promise<"stopped" | "killed" | "not running"> {
  if (!rec || !isRunning(rec)) return "not running";
  signalGroup(rec, "SIGTERM");
  if (await waitGone(rec, graceMs)) return "stopped";
  signalGroup(rec, "SIGKILL");
  await waitGone(rec, 5000);
  return "killed";
}

export async function httpOk(url: string, timeoutMs = 3000): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

/** Something accepts TCP connections on the port (ours or someone else's). */
export async function portInUse(host: string, port: number): Promise<boolean> {
  const net = await import("node:net");
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(1000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(false));
  });
}

export async function waitUntil(what: string, timeoutMs: number, check: () => Promise<boolean> | boolean, everyMs = 500): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await sleep(everyMs);
  }
  throw new Error(`${what}: not within ${Math.round(timeoutMs / 1000)} s`);
}
