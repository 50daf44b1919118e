/**
 * The benchmark's child processes (servers, autocannon runners, builds) and how they are ended: a process
 * and everything it started, found through /proc (Linux), so a `next start` that forks a worker, or a tsx
 * wrapper and its node, go with it. `killDescendants()` ends every process this one started, for the
 * cleanup after a failure or Ctrl-C.
 */
import { readdirSync, readFileSync } from "node:fs";

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      for (const c of readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").split(" ").filter(Boolean)) out.push(Number(c));
    }
  } catch {
    // gone already
  }
  return out;
}

/** The process tree under `pid` (not `pid` itself), children before grandchildren. */
export function descendantsOf(pid: number): number[] {
  const out: number[] = [];
  const queue = childrenOf(pid);
  while (queue.length > 0) {
    const p = queue.shift()!;
    out.push(p);
    queue.push(...childrenOf(p));
  }
  return out;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

function signal(pids: number[], sig: NodeJS.Signals) {
  for (const p of pids) {
    try {
      process.kill(p, sig);
    } catch {
      // already gone
    }
  }
}

/** SIGTERM to the processes, SIGKILL to whichever is still there after `graceMs`. */
export async function endProcesses(pids: number[], graceMs = 5_000): Promise<void> {
  if (pids.length === 0) return;
  signal(pids, "SIGTERM");
  const until = Date.now() + graceMs;
  while (Date.now() < until && pids.some(alive)) await new Promise((r) => setTimeout(r, 100));
  signal(pids.filter(alive), "SIGKILL");
}

/** Ends `pid` and every process under it (the tree is read first: children re-parent once their parent dies). */
export function killTree(pid: number | undefined, graceMs?: number): Promise<void> {
  if (pid === undefined) return Promise.resolve();
  return endProcesses([pid, ...descendantsOf(pid)], graceMs);
}

/** Ends every process this one started, directly or not. */
export function killDescendants(graceMs?: number): Promise<void> {
  return endProcesses(descendantsOf(process.pid), graceMs);
}

/** CPU time (ms) a process and its descendants have used so far, from /proc. */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100 + childrenOf(pid).reduce((sum, c) => sum + cpuMs(c), 0);
  } catch {
    return 0;
  }
}
