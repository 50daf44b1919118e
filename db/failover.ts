/**
 * PostgreSQL with automatic failover (pg_auto_failover, docs/OPERATIONS.md): DATABASE_URL may name several
 * nodes the way libpq writes it, `postgres://user@h1:5451,h2:5452/db?target_session_attrs=read-write`, and the
 * server writes to whichever of them is the primary now.
 *
 * node-postgres connects to one host, so the pool's clients choose theirs when they connect (`NodeRouter`):
 * the nodes are tried in order and the first that accepts writes is used, as libpq's `read-write` does (it asks
 * `SHOW transaction_read_only`; a standby answers `on`). The choice is remembered until a connection to that node
 * fails or the node turns out read-only; then the next new connection asks again. Connections already pooled to
 * a node that went away fail their query and leave the pool, so after a failover the pool fills with connections
 * to the new primary by itself. While no node accepts writes, acquiring a connection fails with
 * `DatabaseUnavailableError` (the API answers 503 with Retry-After; pages say the database is switching over).
 *
 * Dashboard reads may go to the hot standby instead (DATABASE_READ_URL with `target_session_attrs=prefer-standby`,
 * as libpq writes it): the same router then prefers a node that answers read-only (db/replica.ts).
 */
import pg from "pg";

export interface HostPort {
  host: string;
  port: number;
}

export interface MultiHostUrl {
  hosts: HostPort[];
  /** The URL of one node (the others' hosts dropped), for node-postgres. */
  urlFor(node: HostPort): string;
  /**
   * libpq's target_session_attrs: this module implements `read-write` (the default here), `any` and
   * `prefer-standby` (the read pool of db/replica.ts: a node in hot standby if one answers, else any node).
   */
  targetSessionAttrs: TargetSessionAttrs;
}

export type TargetSessionAttrs = "read-write" | "any" | "prefer-standby";
const TARGET_SESSION_ATTRS: readonly string[] = ["read-write", "any", "prefer-standby"] satisfies TargetSessionAttrs[];

const URL_PARTS = /^(postgres(?:ql)?:\/\/)([^@/?#]*@)?([^/?#]*)(.*)$/i;

/**
 * The nodes of a connection string with more than one host, or null for a single host (or not a URL).
 * Hosts may be `name`, `name:port`, `[v6]` or `[v6]:port`; a host without a port is on 5432.
 */
export function parseMultiHostUrl(url: string): MultiHostUrl | null {
  const m = URL_PARTS.exec(url);
  if (!m) return null;
  const [, scheme, auth = "", hostList, rest = ""] = m as unknown as [string, string, string | undefined, string, string | undefined];
  const parts = hostList.split(",");
  if (parts.length < 2) return null;
  const parsed = parts.map((part) => {
    const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(part);
    if (v6) return { host: v6[1]!, port: v6[2] ? Number(v6[2]) : null, bracket: true };
    const plain = /^([^:]+)(?::(\d+))?$/.exec(part);
    if (!plain) throw new Error(`DATABASE_URL: cannot read host "${part}"`);
    return { host: plain[1]!, port: plain[2] ? Number(plain[2]) : null, bracket: false };
  });
  // As libpq reads a URI: each host has its own port, 5432 when it names none.
  const hosts = parsed.map((p) => ({ host: p.host, port: p.port ?? 5432 }));
  const brackets = new Map(parsed.map((p, i) => [hosts[i]!, p.bracket]));
  // target_session_attrs is libpq's, not node-postgres's: read here and left out of each node's URL.
  const q = rest.indexOf("?");
  const path = q < 0 ? rest : rest.slice(0, q);
  const query = q < 0 ? "" : rest.slice(q + 1);
  const params = new URLSearchParams(query);
  const attrs = params.get("target_session_attrs") ?? "read-write";
  if (!TARGET_SESSION_ATTRS.includes(attrs)) {
    throw new Error(`DATABASE_URL: target_session_attrs=${attrs} is not supported (${TARGET_SESSION_ATTRS.join(", ")})`);
  }
  params.delete("target_session_attrs");
  const search = params.toString();
  return {
    hosts,
    targetSessionAttrs: attrs as TargetSessionAttrs,
    urlFor(node) {
      const host = brackets.get(node) ? `[${node.host}]` : node.host;
      return `${scheme}${auth}${host}:${node.port}${path}${search ? `?${search}` : ""}`;
    },
  };
}

/** No node accepts writes (a failover is under way, or every node is down). */
export class DatabaseUnavailableError extends Error {
  /** Kept by Next.js through to the error page, which says the database is switching over. */
  readonly digest = DATABASE_UNAVAILABLE;
  readonly code = DATABASE_UNAVAILABLE;
  constructor(detail: string, opts?: { cause?: unknown }) {
    super(`no PostgreSQL node accepts writes (${detail})`, opts);
    this.name = "DatabaseUnavailableError";
  }
}
export const DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE";

/**
 * The DatabaseUnavailableError for a connection failure: the one in its causes if there is one, else a new one
 * that names the innermost cause's code and message only (a Drizzle error's own message holds the query's
 * parameters, a session id among them, which must not reach a log).
 */
export function databaseUnavailable(err: unknown): DatabaseUnavailableError {
  let e: unknown = err;
  let innermost: { code?: unknown; message?: unknown } | null = null;
  for (let depth = 0; depth < 6 && e && typeof e === "object"; depth++) {
    if (e instanceof DatabaseUnavailableError) return e;
    innermost = e as { code?: unknown; message?: unknown };
    e = (e as { cause?: unknown }).cause;
  }
  const code = typeof innermost?.code === "string" ? `${innermost.code}: ` : "";
  const message = typeof innermost?.message === "string" && !(innermost as object).hasOwnProperty("params") ? innermost.message : "connection failed";
  return new DatabaseUnavailableError(`${code}${message}`.slice(0, 300), { cause: err });
}

/** Errors that mean the connection, not the statement, failed: the request may be retried once a primary is back. */
export function isConnectionFailure(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e && typeof e === "object"; depth++) {
    const o = e as { code?: unknown; message?: unknown; cause?: unknown };
    if (o.code === DATABASE_UNAVAILABLE) return true;
    if (typeof o.code === "string") {
      // Sockets; 57P01-03 the server shutting down or not yet up; 08xxx connection exceptions; 25006 a write on
      // a node that has just become a standby.
      if (["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND"].includes(o.code)) return true;
      // (08P01, protocol_violation, is a bug in the request, not the connection.)
      if (/^(57P0[123]|08[0-9A-Z]{3}|25006)$/.test(o.code) && o.code !== "08P01") return true;
    }
    if (typeof o.message === "string" && /Connection terminated|connection timeout|Client has encountered a connection error/i.test(o.message)) return true;
    e = o.cause;
  }
  return false;
}

const CONNECT_TIMEOUT_MS = 5_000;

/** How long a `prefer-standby` choice that fell back to a primary is kept before a standby is looked for again. */
const FALLBACK_KEEP_MS = 10_000;

/**
 * Which node new connections go to: asked on demand, remembered until it fails. Shared by one pool's clients.
 * `read-write` wants the node that accepts writes (the primary); `prefer-standby` a node in hot standby, or any
 * node that answers when none is (a choice that fell back is looked at again after a few seconds, so reads
 * return to the standby once it is back); `any` the first node that answers.
 */
export class NodeRouter {
  private current: HostPort | null = null;
  private currentUntil = Infinity;
  private asking: Promise<HostPort> | null = null;

  constructor(
    private readonly nodes: MultiHostUrl,
    private readonly opts: { connectTimeoutMs?: number; fallbackKeepMs?: number } = {},
  ) {}

  get wants(): TargetSessionAttrs {
    return this.nodes.targetSessionAttrs;
  }

  /** The node to connect to now. */
  node(): Promise<HostPort> {
    if (this.current && Date.now() < this.currentUntil) return Promise.resolve(this.current);
    this.asking ??= this.ask().finally(() => {
      this.asking = null;
    });
    return this.asking;
  }

  /** A connection to `node` failed or found it unsuitable: ask again on the next connect. */
  forget(node: HostPort): void {
    if (this.current === node) this.current = null;
  }

  /** Does this connected client, on `node`, suit the router (libpq's read-write test, for `read-write`)? */
  async suits(client: pg.Client, node: HostPort): Promise<boolean> {
    if (this.wants === "any") return true;
    const ro = await readOnly(client);
    if (this.wants === "read-write") return !ro;
    // prefer-standby: any node serves, but one that is not (or no longer: promoted by a failover) a standby is
    // kept only for a while, so that new connections look for a standby again once there is one.
    if (!ro && this.current === node && this.currentUntil === Infinity) this.currentUntil = Date.now() + (this.opts.fallbackKeepMs ?? FALLBACK_KEEP_MS);
    return true;
  }

  private async ask(): Promise<HostPort> {
    const problems: string[] = [];
    let fallback: HostPort | null = null;
    for (const node of this.nodes.hosts) {
      const client = new pg.Client({ connectionString: this.nodes.urlFor(node), connectionTimeoutMillis: this.opts.connectTimeoutMs ?? 3_000 });
      client.on("error", () => {});
      try {
        await client.connect();
        if (this.wants === "any") return this.choose(node);
        const ro = await readOnly(client);
        if (this.wants === "read-write" && !ro) return this.choose(node);
        if (this.wants === "prefer-standby") {
          if (ro) return this.choose(node);
          fallback ??= node;
        }
        problems.push(`${node.host}:${node.port} is ${ro ? "read-only" : "not a standby"}`);
      } catch (err) {
        problems.push(`${node.host}:${node.port}: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        await client.end().catch(() => {});
      }
    }
    if (fallback) return this.choose(fallback, Date.now() + (this.opts.fallbackKeepMs ?? FALLBACK_KEEP_MS));
    throw new DatabaseUnavailableError(problems.join("; "));
  }

  private choose(node: HostPort, until = Infinity): HostPort {
    this.current = node;
    this.currentUntil = until;
    return node;
  }
}

/**
 * libpq's test: a hot standby (and a database set read-only) answers `transaction_read_only = on`. Used both to
 * refuse writing to a standby and, for `prefer-standby`, to find one.
 */
async function readOnly(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ transaction_read_only: string }>("SHOW transaction_read_only");
  return rows[0]?.transaction_read_only !== "off";
}

/**
 * A node-postgres Client class for `new Pool({ Client })` that connects to the router's node, checks that it
 * suits (accepts writes, for the primary's pool), and tells the router when its node fails.
 */
export function nodeClientClass(router: NodeRouter): typeof pg.Client {
  class RoutedClient extends pg.Client {
    constructor(config?: string | pg.ClientConfig) {
      // A node that went away without a reset (its host is gone) must fail a connect in seconds, not at the
      // operating system's TCP timeout; keep-alive finds dead pooled connections. Set on the client, not the
      // pool: the pool's own connect timer would fire while the client still waits to learn the primary.
      super({ ...(typeof config === "string" ? { connectionString: config } : config), connectionTimeoutMillis: CONNECT_TIMEOUT_MS, keepAlive: true });
    }

    connect(): Promise<pg.Client>;
    connect(callback: ((err: Error) => void) | ((err: null, c: pg.Client) => void)): void;
    connect(callback?: ((err: Error) => void) | ((err: null, c: pg.Client) => void)): Promise<pg.Client> | void {
      const run = async () => {
        const node = await router.node();
        this.host = node.host;
        this.port = node.port;
        // Read by .pgpass lookups (a URL without a password) and by error messages.
        const params = (this as unknown as { connectionParameters: { host: string; port: number } }).connectionParameters;
        params.host = node.host;
        params.port = node.port;
        try {
          await super.connect();
        } catch (err) {
          router.forget(node);
          throw err;
        }
        this.on("error", () => router.forget(node));
        if (!(await router.suits(this, node))) {
          router.forget(node);
          await this.end().catch(() => {});
          throw new DatabaseUnavailableError(`${node.host}:${node.port} is read-only`);
        }
        return this as pg.Client;
      };
      if (!callback) return run();
      const cb = callback as (err: Error | null, c?: pg.Client) => void;
      run().then((c) => cb(null, c), (err: Error) => cb(err));
    }
  }
  return RoutedClient;
}

/** The user and password of a connection string, with one host or several. */
export function credentialsOf(url: string): { user?: string; password?: string } {
  const single = parseMultiHostUrl(url);
  try {
    const u = new URL(single ? single.urlFor(single.hosts[0]!) : url);
    return { user: decodeURIComponent(u.username) || undefined, password: decodeURIComponent(u.password) || undefined };
  } catch {
    return {};
  }
}

/** The URL of the node that accepts writes now (the URL itself when it names one host), for a plain client. */
export async function primaryUrl(url: string): Promise<string> {
  const nodes = parseMultiHostUrl(url);
  if (!nodes) return url;
  return nodes.urlFor(await new NodeRouter({ ...nodes, targetSessionAttrs: "read-write" }).node());
}
