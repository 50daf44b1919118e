import { describe, expect, it } from "vitest";
import { credentialsOf, DatabaseUnavailableError, databaseUnavailable, isConnectionFailure, parseMultiHostUrl } from "@/db/failover";

describe("a DATABASE_URL with several hosts (libpq's form)", () => {
  it("is null for one host, so the plain pool is used", () => {
    expect(parseMultiHostUrl("postgres://app@127.0.0.1:5432/sadasyata")).toBeNull();
    expect(parseMultiHostUrl("not a url")).toBeNull();
  });

  it("lists the nodes in order and gives each its own URL, without target_session_attrs", () => {
    const m = parseMultiHostUrl("postgres://app:s3cret@127.0.0.1:5451,127.0.0.1:5452/sadasyata?target_session_attrs=read-write&sslmode=disable")!;
    expect(m.hosts).toEqual([
      { host: "127.0.0.1", port: 5451 },
      { host: "127.0.0.1", port: 5452 },
    ]);
    expect(m.targetSessionAttrs).toBe("read-write");
    expect(m.urlFor(m.hosts[1]!)).toBe("postgres://app:s3cret@127.0.0.1:5452/sadasyata?sslmode=disable");
  });

  it("reads IPv6 hosts and hosts without a port (on 5432, as libpq reads a URI), and defaults to read-write", () => {
    const m = parseMultiHostUrl("postgresql://db-a,[::1]:6000,db-c/x?application_name=a?b")!;
    expect(m.hosts).toEqual([
      { host: "db-a", port: 5432 },
      { host: "::1", port: 6000 },
      { host: "db-c", port: 5432 },
    ]);
    expect(m.targetSessionAttrs).toBe("read-write");
    expect(m.urlFor(m.hosts[1]!)).toBe("postgresql://[::1]:6000/x?application_name=a%3Fb");
  });

  it("gives the user and password of either form", () => {
    expect(credentialsOf("postgres://app:p%40ss@h1:5451,h2:5452/db")).toEqual({ user: "app", password: "p@ss" });
    expect(credentialsOf("postgres://app@127.0.0.1/db")).toEqual({ user: "app", password: undefined });
    expect(credentialsOf("nonsense")).toEqual({});
  });

  it("refuses session attributes it does not implement, and hosts it cannot read", () => {
    expect(() => parseMultiHostUrl("postgres://a,b/x?target_session_attrs=standby")).toThrow(/not supported/);
    expect(() => parseMultiHostUrl("postgres://a,b/x?target_session_attrs=read-only")).toThrow(/not supported/);
    expect(parseMultiHostUrl("postgres://a,b/x?target_session_attrs=prefer-standby")!.targetSessionAttrs).toBe("prefer-standby");
    expect(() => parseMultiHostUrl("postgres://a:b:c,d/x")).toThrow(/cannot read host/);
  });
});

describe("connection failures", () => {
  it("are told from a statement's own errors", () => {
    expect(isConnectionFailure(new DatabaseUnavailableError("every node is down"))).toBe(true);
    expect(isConnectionFailure(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isConnectionFailure({ code: "57P01", message: "terminating connection due to administrator command" })).toBe(true);
    expect(isConnectionFailure({ message: "Failed query", cause: { code: "25006" } })).toBe(true);
    expect(isConnectionFailure(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isConnectionFailure({ code: "23505" })).toBe(false);
    expect(isConnectionFailure({ code: "08P01" })).toBe(false);
    expect(isConnectionFailure(new Error("boom"))).toBe(false);
  });

  it("DatabaseUnavailableError carries the digest the error page reads", () => {
    expect(new DatabaseUnavailableError("x").digest).toBe("DATABASE_UNAVAILABLE");
  });

  it("a page's failure names the driver's cause, never the query's parameters", () => {
    const pgErr = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5451"), { code: "ECONNREFUSED" });
    const drizzleErr = Object.assign(new Error("Failed query: select … where s.id = $2\nparams: 7,SESSION-ID-SECRET"), { params: [7, "SESSION-ID-SECRET"], cause: pgErr });
    const e = databaseUnavailable(drizzleErr);
    expect(e.message).toContain("ECONNREFUSED");
    expect(e.message).not.toContain("SESSION-ID-SECRET");
    expect(e.cause).toBe(drizzleErr);
    const inner = new DatabaseUnavailableError("every node is read-only");
    expect(databaseUnavailable({ message: "Failed query", cause: inner })).toBe(inner);
  });
});
