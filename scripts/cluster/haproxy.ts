/**
 * The load balancer of `npm run cluster`: HAProxy on 127.0.0.1:3810 in front of the app processes.
 *
 * - Health: `GET /api/health` every second (200 when the process answers and its database does); two failures
 *   take a process out, one success puts it back.
 * - When no process passes (the database is switching over, both answer 503), requests still go to them
 *   through the unchecked backup entries, so that people get the app's own answer (the enrolment API's 503
 *   with Retry-After, the "database is switching over" page) instead of HAProxy's bare 503.
 * - A connection refused or reset by a killed process is retried on the other (`retries 2`, `option
 *   redispatch`, `retry-on conn-failure empty-response response-timeout`). Retrying after the request reached
 *   a process is left to requests that may be repeated: GET/HEAD, and writes that carry an Idempotency-Key
 *   (the enrolment API answers a repeat with the first answer); any other write is retried only when its
 *   connection failed, i.e. before the app saw it.
 * - `option forwardfor` appends the client's address to X-Forwarded-For; the apps trust exactly one hop from
 *   127.0.0.1 (TRUSTED_PROXY_HOPS=1, TRUSTED_PROXIES=127.0.0.1; lib/net/client-address.ts).
 */
import { APPS, HAPROXY_PID_FILE, HOST, LB_PORT } from "@/scripts/cluster/layout";

export function haproxyConfig(): string {
  const servers = APPS.map((a) => `    server ${a.name} ${HOST}:${a.port} check`);
  const backups = APPS.map((a) => `    server ${a.name}-fallback ${HOST}:${a.port} backup`);
  return `# Written by \`npm run cluster\` (scripts/cluster/haproxy.ts); rewritten on every start.
global
    maxconn 4096
    pidfile ${HAPROXY_PID_FILE}
    log stdout format raw local0 info

defaults
    mode http
    log global
    option httplog
    # Only errors, retries and redispatches reach the log.
    option dontlog-normal
    option forwardfor
    option redispatch
    retries 2
    retry-on conn-failure empty-response response-timeout
    timeout connect 2s
    timeout client 60s
    timeout http-request 15s
    timeout http-keep-alive 10s
    timeout queue 10s
    # A dashboard page or an import upload may take a while on a large database; longer than this is retried
    # (GET) or answered 504.
    timeout server 60s
    timeout check 2s

frontend web
    bind ${HOST}:${LB_PORT}
    default_backend app

backend app
    balance leastconn
    option allbackups
    option httpchk
    http-check send meth GET uri /api/health
    http-check expect status 200
    default-server inter 1s fall 2 rise 1
    http-request disable-l7-retry unless METH_GET || { req.hdr(idempotency-key) -m found }
${servers.join("\n")}
${backups.join("\n")}
`;
}
