/**
 * PostgreSQL with automatic failover (pg_auto_failover, docs/OPERATIONS.md): DATABASE_URL may name several
 * nodes the way libpq writes it, `postgres://user@h1:5451,h2:5452/db?target_session_attrs=read-write`, and the
 * server writes to whichever of them is the primary now.
 *
 * node-postgres connects to one host, so the pool's clients choose theirs when they connect (`PrimaryRouter`):
 * the nodes are tried in order and the first that accepts writes is used, as libpq's `read-write` does (it asks
 * `SHOW transaction_read_only`; a standby answers `on`). The choice is remembered until a connection to that node
 * fails or the node turns out read-only; then the next new connection asks again. Connections already pooled to
 * a node that went away fail their query and leave the pool, so after a failover the pool fills with connections
 * to the new primary by itself. While no node accepts writes, acquiring a connection fails with
 * `DatabaseUnavailableError` (the API answers 503 with Retry-After; pages say the database is switching over).
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
  /** libpq's target_session_attrs: this module implements `read-write` (the default here) and `any`. */
  targetSessionAttrs: "read-write" | "any";
}

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
  if (attrs !== "read-write" && attrs !== "any") {
    throw new Error(`DATABASE_URL: target_session_attrs=${attrs} is not supported (read-write or any)`);
  }
  params.delete("target_session_attrs");
  const search = params.toString();
  return {
    hosts,
    targetSessionAttrs: attrs,
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

/** Which node is the primary: asked on demand, remembered until it fails. Shared by one pool's clients. */
export class PrimaryRouter {
  private current: HostPort | null = null;
  private asking: Promise<HostPort> | null = null;

  constructor(
    private readonly nodes: MultiHostUrl,
    private readonly opts: { connectTimeoutMs?: number } = {},
  ) {}

  /** The node to connect to now. */
  primary(): Promise<HostPort> {
    if (this.current) return Promise.resolve(this.current);
    this.asking ??= this.ask().finally(() => {
      this.asking = null;
    });
    return this.asking;
  }

  /** A connection to `node` failed or found it read-only: ask again on the next connect. */
  forget(node: HostPort): void {
    if (this.current === node) this.current = null;
  }

  /** Does this connected client accept writes? (libpq's read-write test.) */
  async acceptsWrites(client: pg.Client): Promise<boolean> {
    if (this.nodes.targetSessionAttrs === "any") return true;
    const { rows } = await client.query<{ transaction_read_only: string }>("SHOW transaction_read_only");
    return rows[0]?.transaction_read_only === "off";
  }

  private async ask(): Promise<HostPort> {
    const problems: string[] = [];
    for (const node of this.nodes.hosts) {
      const client = new pg.Client({ connectionString: this.nodes.urlFor(node), connectionTimeoutMillis: this.opts.connectTimeoutMs ?? 3_000 });
      client.on("error", () => {});
      try {
        await client.connect();
        if (await this.acceptsWrites(client)) {
          this.current = node;
          return node;
        }
        problems.push(`${node.host}:${node.port} is read-only`);
      } catch (err) {
        problems.push(`${node.host}:${node.port}: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        await client.end().catch(() => {});
      }
    }
    throw new DatabaseUnavailableError(problems.join("; "));
  }
}

/**
 * A node-postgres Client class for `new Pool({ Client })` that connects to the router's primary, checks that it
 * accepts writes, and tells the router when its node fails.
 */
export function primaryClientClass(router: PrimaryRouter): typeof pg.Client {
  class PrimaryClient extends pg.Client {
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
        const node = await router.primary();
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
        if (!(await router.acceptsWrites(this))) {
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
  return PrimaryClient;
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
  return nodes.urlFor(await new PrimaryRouter(nodes).primary());
}
