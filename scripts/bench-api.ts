/**
 * `npm run bench:api` — throughput and latency of `POST /api/v1/members` on PostgreSQL, against COPY.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:api -- [--requests 20000]
 *     [--clients 50] [--members 100000] [--port 3313] [--keep] [--no-signals]
 *
 * (TEST_DATABASE_URL works too.) It creates a fresh database `sadasyata_bench_api`, migrates and seeds it,
 * issues one token to each of `clients` enrollers in different assembly seats (50 phones in 50 places), starts
 * `next start` on the production build in NEXT_DIST_DIR (built first when missing) with the per-token rate limit
 * lifted, and sends `requests` sign-ups from `clients` concurrent keep-alive connections. Each answer must be a
 * 201; the members and the counters are checked afterwards (recount). Then the same rows are inserted with
 * COPY (and with one INSERT … SELECT unnest) into the same table, trigger and all, for the ratio.
 *
 * The quality signals run as in production: the server's quality job works through the queue the sign-ups
 * fill, in the same process and database, while the load runs (the seeded backlog is scanned first, so the job
 * sees only the benchmark's sign-ups). `--no-signals` starts the server with QUALITY_JOB=off for the
 * comparison; either way the run reports how long after the last sign-up the queue was empty. The bodies are
 * a harsh case for the job: every client is one token sending hundreds a minute (all of them bursts) with
 * names that repeat within each seat (many near-duplicates).
 *
 * The load generator runs on the same 2-core machine as the server and the database, so the figures include
 * its cost; they are a floor, not a ceiling.
 */
import type { ChildProcess } from "node:child_process";
import { connect, type Socket } from "node:net";
import { loadavg } from "node:os";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { Client } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { sql } from "drizzle-orm";
import { openDb, queryRows } from "@/db/client";
import { recount } from "@/db/recount";
import { seed } from "@/lib/seed";
import { scanAll } from "@/lib/members/quality/scan";
import { buildIfMissing, startNextServer } from "@/scripts/next-server";
import { createFreshDatabase, databaseUrl, dropDatabase } from "@/scripts/bench/databases";
import { cpuMs } from "@/scripts/bench/procs";
import { issueEnrollerTokens, signUp, type ApiClient } from "@/scripts/bench/signup";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}
const REQUESTS = arg("requests", 20_000);
const CLIENTS = arg("clients", 50);
const SEED_MEMBERS = arg("members", 100_000);
const PORT = arg("port", 3313);
const KEEP = process.argv.includes("--keep");
const SIGNALS = !process.argv.includes("--no-signals");
const WARMUP = Math.min(1_000, Math.ceil(REQUESTS / 10));
const DB_NAME = "sadasyata_bench_api";
const DIST = process.env.NEXT_DIST_DIR || ".next-api";

const base = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!base) {
  console.error("set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL server; the benchmark creates its own database");
  process.exit(2);
}
const dbUrl = databaseUrl(base, DB_NAME);

const log = (m: string) => console.log(`[bench] ${m}`);
const seconds = (ms: number) => (ms / 1000).toFixed(2);

async function prepare(): Promise<ApiClient[]> {
  const h = await createFreshDatabase(base!, DB_NAME);
  try {
    const started = Date.now();
    await seed(h.db, { members: SEED_MEMBERS });
    log(`seeded ${SEED_MEMBERS} members in ${seconds(Date.now() - started)} s`);
    const scan = await scanAll(h.db);
    log(`quality scan of the seed: ${scan.seconds.toFixed(1)} s (the queue starts empty)`);
    // One enroller per assembly seat first, so the phones are spread as a real drive's are.
    const clients = await issueEnrollerTokens(h.db, CLIENTS);
    await h.db.execute(sql`ANALYZE`);
    return clients;
  } finally {
    await h.close();
  }
}

function startServer(): Promise<ChildProcess> {
  buildIfMissing(DIST, log);
  return startNextServer({
    dist: DIST,
    port: PORT,
    databaseUrl: dbUrl,
    // The per-token limit guards against one runaway phone; the benchmark measures the server instead.
    env: { MEMBERS_API_BURST: "1000000000", MEMBERS_API_PER_MINUTE: "1000000000", QUALITY_JOB: SIGNALS ? "on" : "off" },
    // BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") go to the server's node only; NODE_OPTIONS
    // refuses --cpu-prof and would reach this process too.
    nodeArgs: (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean),
  });
}

/**
 * CPU time (ms) used so far by the PostgreSQL backends connected to the benchmark database, and the
 * transactions committed in it (every statement outside a transaction is one: the round trips that wrote).
 */
async function postgresUsage(): Promise<{ cpu: number; commits: number }> {
  const c = new Client({ connectionString: base });
  await c.connect();
  try {
    const { rows } = await c.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1", [DB_NAME]);
    const { rows: stat } = await c.query<{ n: string }>("SELECT xact_commit::text AS n FROM pg_stat_database WHERE datname = $1", [DB_NAME]);
    return { cpu: rows.reduce((sum, r) => sum + cpuMs(r.pid), 0), commits: Number(stat[0]?.n ?? 0) };
  } finally {
    await c.end();
  }
}

/**
 * One keep-alive HTTP/1.1 connection that sends a request and reads its answer, nothing more. The load
 * generator shares the two cores with the server and PostgreSQL: node:http's client (agent, parser,
 * IncomingMessage streams) took 0.13–0.19 ms of CPU per sign-up, this takes 0.06–0.09 ms. Each request goes
 * out as one write; answers are read by Content-Length or chunked framing.
 */
class Connection {
  private socket: Socket | null = null;
  private buf: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (status: number) => void; reject: (e: Error) => void } | null = null;

  private open(): Socket {
    const s = connect({ host: "127.0.0.1", port: PORT });
    s.setNoDelay(true);
    s.on("data", (chunk: Buffer) => {
      this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
      this.parse();
    });
    const gone = (err?: Error) => {
      if (this.socket !== s) return;
      this.socket = null;
      this.buf = Buffer.alloc(0);
      const w = this.waiting;
      this.waiting = null;
      w?.reject(err ?? new Error("connection closed before the answer"));
    };
    s.on("error", gone);
    s.on("close", () => gone());
    return s;
  }

  private parse() {
    const end = this.buf.indexOf("\r\n\r\n");
    if (end < 0 || !this.waiting) return;
    const head = this.buf.toString("latin1", 0, end);
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length: *([0-9]+)/i.exec(head);
    let bodyEnd: number;
    if (length) {
      bodyEnd = end + 4 + Number(length[1]);
      if (this.buf.length < bodyEnd) return;
    } else if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
      let at = end + 4;
      for (;;) {
        const line = this.buf.indexOf("\r\n", at);
        if (line < 0) return;
        const size = parseInt(this.buf.toString("latin1", at, line), 16);
        at = line + 2 + size + 2;
        if (this.buf.length < at) return;
        if (size === 0) break;
      }
      bodyEnd = at;
    } else {
      bodyEnd = end + 4;
    }
    this.buf = this.buf.subarray(bodyEnd);
    const w = this.waiting;
    this.waiting = null;
    if (/\r\nconnection: *close/i.test(head)) {
      const closing = this.socket;
      this.socket = null;
      closing?.end();
    }
    w.resolve(status);
  }

  send(request: Buffer): Promise<number> {
    this.socket ??= this.open();
    const s = this.socket;
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      s.write(request);
    });
  }

  close() {
    this.socket?.destroy();
  }
}

const connections = Array.from({ length: CLIENTS }, () => new Connection());

async function post(conn: Connection, token: string, key: string, body: string): Promise<{ status: number; ms: number }> {
  const bytes = Buffer.from(body);
  const request = Buffer.concat([
    Buffer.from(
      `POST /api/v1/members HTTP/1.1\r\nHost: 127.0.0.1:${PORT}\r\nAuthorization: Bearer ${token}\r\nIdempotency-Key: ${key}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${bytes.length}\r\n\r\n`,
      "latin1",
    ),
    bytes,
  ]);
  const started = performance.now();
  const status = await conn.send(request);
  return { status, ms: performance.now() - started };
}

async function load(clients: ApiClient[], count: number, prefix: string) {
  const latencies = new Float64Array(count);
  const statuses = new Map<number, number>();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    clients.map(async (c, ci) => {
      for (;;) {
        const i = next++;
        if (i >= count) return;
        const r = await post(connections[ci]!, c.token, `${prefix}-${i}`, JSON.stringify(signUp(i, c.boothCode, prefix)));
        latencies[i] = r.ms;
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      }
    }),
  );
  const elapsed = performance.now() - started;
  const sorted = Array.from(latencies).sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  return { elapsed, perSecond: count / (elapsed / 1000), p50: pct(50), p95: pct(95), p99: pct(99), max: sorted[sorted.length - 1]!, statuses };
}

const COLS = [
  "id", "state_id", "membership_no", "epic", "name", "gender", "age", "phone", "address", "religion", "caste",
  "caste_category", "booth_id", "ac_id", "district_id", "channel", "consent_version", "consent_lang",
] as const;

async function copyComparison(clients: ApiClient[]) {
  const c = new Client({ connectionString: dbUrl });
  await c.connect();
  try {
    const { rows: booths } = await c.query<{ code: string; id: number; ac_id: number; district_id: number }>(
      "SELECT code, id, ac_id, district_id FROM booths WHERE code = ANY($1)",
      [clients.map((x) => x.boothCode)],
    );
    const byCode = new Map(booths.map((b) => [b.code, b]));
    const make = async (prefix: string) => {
      const { rows } = await c.query<{ id: string }>("SELECT nextval(pg_get_serial_sequence('members', 'id'))::text AS id FROM generate_series(1, $1)", [REQUESTS]);
      return rows.map((r, i) => {
        const s = signUp(i, clients[i % clients.length]!.boothCode, prefix);
        const b = byCode.get(s.boothCode)!;
        return [r.id, 1, `CG26-${r.id.padStart(7, "0")}`, s.epic, s.name, s.gender, s.age, s.phone, s.address, s.religion, s.caste, s.casteCategory, b.id, b.ac_id, b.district_id, "app", "v1", "hi"] as const;
      });
    };
    const escape = (v: string | number) => String(v).replace(/[\\\t\n\r]/g, (ch) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[ch]!);

    const copyRows = await make("CPY");
    const copyStarted = performance.now();
    const stream = c.query(copyFrom(`COPY members (${COLS.join(", ")}) FROM STDIN`));
    await pipeline(Readable.from((function* () {
      for (const r of copyRows) yield `${r.map(escape).join("\t")}\n`;
    })()), stream);
    const copyMs = performance.now() - copyStarted;

    const unnestRows = await make("UNN");
    const unnestStarted = performance.now();
    const col = (i: number) => unnestRows.map((r) => r[i]);
    await c.query(
      `INSERT INTO members (${COLS.join(", ")})
       SELECT * FROM unnest($1::bigint[], $2::smallint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::smallint[], $8::text[],
                            $9::text[], $10::text[], $11::text[], $12::text[], $13::int[], $14::int[], $15::int[], $16::text[], $17::text[], $18::text[])`,
      COLS.map((_, i) => col(i)),
    );
    const unnestMs = performance.now() - unnestStarted;
    return { copyMs, unnestMs };
  } finally {
    await c.end();
  }
}

async function main() {
  log(`database ${DB_NAME}; ${REQUESTS} sign-ups from ${CLIENTS} clients, ${SEED_MEMBERS} seeded members`);
  const clients = await prepare();
  if (clients.length < CLIENTS) log(`only ${clients.length} enroller posts found`);
  const server = await startServer();
  try {
    await load(clients, WARMUP, "WRM");
    // The pool's connections are open after the warm-up, so their backends can be measured across the run.
    const cpu0 = { server: cpuMs(server.pid!), pg: await postgresUsage(), client: process.cpuUsage() };
    const r = await load(clients, REQUESTS, "BEN");
    const clientUsage = process.cpuUsage(cpu0.client);
    const pg1 = await postgresUsage();
    const cpu = {
      server: (cpuMs(server.pid!) - cpu0.server) / REQUESTS,
      pg: (pg1.cpu - cpu0.pg.cpu) / REQUESTS,
      commits: (pg1.commits - cpu0.pg.commits) / REQUESTS,
      client: (clientUsage.user + clientUsage.system) / 1000 / REQUESTS,
    };
    const h = await openDb({ url: dbUrl, max: 2 });
    let members = 0;
    let differences = -1;
    let caughtUp: number | null = null;
    let flagged = 0;
    try {
      // How long after the last sign-up the quality job had flagged everything (it runs every 2 s).
      const lastAnswer = Date.now();
      while (SIGNALS && Date.now() - lastAnswer < 300_000) {
        const [q] = await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM quality_queue`);
        if (q!.n === 0) {
          caughtUp = Date.now() - lastAnswer;
          break;
        }
        await new Promise((r) => setTimeout(r, 250));
      }
      flagged = (await queryRows<{ n: number }>(h.db, sql`SELECT count(DISTINCT member_id)::int AS n FROM member_flags f JOIN members m ON m.id = f.member_id WHERE m.epic LIKE 'BEN%'`))[0]!.n;
      members = (await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM members WHERE epic LIKE 'BEN%'`))[0]!.n;
      differences = (await recount(h.db)).length;
    } finally {
      await h.close();
    }
    server.kill("SIGTERM");
    const cmp = await copyComparison(clients);
    const statusText = [...r.statuses].map(([s, n]) => `${s}×${n}`).join(", ");
    const copyPerSecond = REQUESTS / (cmp.copyMs / 1000);
    const unnestPerSecond = REQUESTS / (cmp.unnestMs / 1000);
    console.log("");
    console.log(`API        ${REQUESTS} sign-ups in ${seconds(r.elapsed)} s = ${r.perSecond.toFixed(0)}/s with ${CLIENTS} clients (answers: ${statusText})`);
    console.log(`latency    p50 ${r.p50.toFixed(1)} ms · p95 ${r.p95.toFixed(1)} ms · p99 ${r.p99.toFixed(1)} ms · max ${r.max.toFixed(1)} ms`);
    console.log(`check      ${members} members written; counters vs recount: ${differences === 0 ? "equal" : `${differences} differences`}`);
    console.log(
      SIGNALS
        ? `signals    on: the quality job flagged ${flagged} of them; queue empty ${caughtUp === null ? "not within 300 s" : `${seconds(caughtUp)} s`} after the last answer`
        : "signals    off (QUALITY_JOB=off): sign-ups are queued, nothing flagged",
    );
    // What one sign-up costs in CPU, measured whatever else the machine was doing: Node serves on one core,
    // PostgreSQL and the load generator share the rest, so two dedicated cores would sustain about this many.
    const capacity = 1000 / Math.max(cpu.server, (cpu.server + cpu.pg + cpu.client) / 2);
    console.log(`cpu        per sign-up: server ${cpu.server.toFixed(2)} ms · postgres ${cpu.pg.toFixed(2)} ms · load generator ${cpu.client.toFixed(2)} ms → ≈ ${capacity.toFixed(0)}/s on 2 idle cores`);
    // Backends report their statistics up to a second late, so this is approximate.
    console.log(`postgres   ≈ ${cpu.commits.toFixed(2)} statements (transactions) per sign-up`);
    console.log(`machine    load average ${loadavg().map((x) => x.toFixed(1)).join(" ")} (other work on the same 2 cores slows the measured rate)`);
    console.log(`COPY       the same ${REQUESTS} rows in ${seconds(cmp.copyMs)} s = ${copyPerSecond.toFixed(0)}/s → API/COPY time ratio ${(r.elapsed / cmp.copyMs).toFixed(1)}×`);
    console.log(`unnest     one INSERT … SELECT unnest in ${seconds(cmp.unnestMs)} s = ${unnestPerSecond.toFixed(0)}/s → API/unnest ratio ${(r.elapsed / cmp.unnestMs).toFixed(1)}×`);
    const ok = members === REQUESTS && differences === 0 && r.statuses.get(201) === REQUESTS;
    if (!ok) process.exitCode = 1;
  } finally {
    server.kill("SIGTERM");
    for (const c of connections) c.close();
    if (!KEEP) await dropDatabase(base!, DB_NAME).catch(() => {});
  }
}

await main();
