/**
 * The load generator of `npm run bench`, run as a child process by scripts/bench/load.ts:
 *   node --import tsx scripts/bench/autocannon-runner.ts '<LoadConfig as JSON>'
 * autocannon, configured through its API: a GET with the session cookie, or the enrolment API's POST with a
 * unique sign-up per request (`requests: [{ setupRequest }]`, each request its own EPIC, Idempotency-Key and
 * one of the enrollers' tokens). Every answer's latency is recorded here (autocannon's own summary has no
 * p95), and one line of JSON (LoadResult) is printed at the end.
 */
import autocannon from "autocannon";
import type { LoadConfig, LoadResult } from "@/scripts/bench/load";
import { percentile } from "@/scripts/bench/stats";
import { signUp } from "@/scripts/bench/signup";

const config = JSON.parse(process.argv[2] ?? "{}") as LoadConfig;
// The benchmark may be gone (Ctrl-C reaches the whole process group): a result nobody reads is no error.
process.stdout.on("error", () => process.exit(0));

function requests(): autocannon.Request[] {
  const s = config.signUps;
  if (!s) return [{ method: "GET", path: config.path, headers: config.headers ?? {} }];
  let next = s.firstIndex;
  return [
    {
      method: "POST",
      path: config.path,
      setupRequest: (req) => {
        const i = next++;
        const c = s.clients[i % s.clients.length]!;
        return {
          ...req,
          headers: {
            "content-type": "application/json",
            authorization: `Bearer ${c.token}`,
            "idempotency-key": `${s.epicPrefix}-${i}`,
          },
          body: JSON.stringify(signUp(i, c.boothCode, s.epicPrefix)),
        };
      },
    },
  ];
}

const latencies: number[] = [];
const pct = (p: number) => (latencies.length ? percentile(latencies, p) : null);
const statuses: Record<string, number> = {};
const started = performance.now();
const instance = autocannon(
  { url: config.base, connections: config.connections, duration: config.seconds, timeout: 30, requests: requests() },
  (err, result) => {
    if (err) {
      console.error(err);
      process.exit(1);
    }
    const seconds = (performance.now() - started) / 1000;
    const ok = Object.entries(statuses).reduce((n, [s, c]) => (s.startsWith("2") ? n + c : n), 0);
    const out: LoadResult = {
      connections: config.connections,
      seconds,
      requests: latencies.length,
      perSecond: latencies.length / seconds,
      okPerSecond: ok / seconds,
      p50: pct(0.5),
      p95: pct(0.95),
      p99: pct(0.99),
      max: latencies.length ? latencies.reduce((m, x) => Math.max(m, x), 0) : null,
      statuses,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
    };
    console.log(JSON.stringify(out));
  },
);
instance.on("response", (_client, statusCode, _bytes, responseTime) => {
  latencies.push(responseTime);
  statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
});
