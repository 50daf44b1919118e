import "server-only";
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { PG, pgError } from "@/db/errors";
import { isConnectionFailure } from "@/db/failover";
import { idempotencyRecords } from "@/db/schema";
import type { JsonAnswer } from "@/lib/http";
import { translator, type MessageKey } from "@/lib/i18n";
import { en } from "@/lib/i18n/en";
import { cardUrl } from "@/lib/members/card/url";
import { Coalescer } from "@/lib/members/api/coalesce";
import { prepareEnrolment, readEnrolmentFacts, type EnrolmentFacts, type EnrolmentQuery, type EnrolOutcome } from "@/lib/members/enrol/enrol";
import { batcherFor } from "@/lib/members/enrol/batch";
import { envNumber, hitMany, type Limit, type LimitResult } from "@/lib/net/limiter";
import { publicUrl } from "@/lib/net/public-url";
import { illFormedField, isWellFormedText } from "@/lib/validation/text";
import { bearerToken } from "@/lib/auth/token-hash";
import { authenticateTokens, tokenCoversBooth, touchToken, type TokenPrincipal } from "@/lib/members/api/tokens";
import { ApiMember } from "@/lib/members/enrol/validation";

/**
 * `POST /api/v1/members`, the enrolment app's way in (DESIGN.md §5). Every refusal is a 4xx with
 * `{errors: {field: message}}` and writes nothing; only a 201 writes (member, counters, idempotency record in
 * one transaction, see enrolMember; under load several sign-ups share that transaction, see enrol/batch.ts). The order of checks is the order of cost: the token (one indexed read),
 * the rate limit (one shared counter per token), the Idempotency-Key, then the body — its size counted on the raw stream before
 * anything is parsed, so a 50 MB body costs 1 MB of reading at most. It reads the Request and returns a plain
 * answer (status, body, headers); the route sends it with lib/http's jsonResponse (which adds no-store).
 */

export const MAX_BODY_BYTES = 1024 * 1024;
const t = translator("en");

/**
 * Per token: a phone may upload a queue of up to `MEMBERS_API_BURST` sign-ups at once (default 100), and send
 * `MEMBERS_API_PER_MINUTE` (default 120) over time; a person enrols a few a minute, so more is a runaway app or
 * abuse. Counted in PostgreSQL (lib/net/limiter.ts), so every server process shares one count per token: the
 * burst per window, the window as long as the per-minute rate takes to send the burst (100 per 50 s).
 */
export function apiLimit(): Limit {
  const burst = envNumber("MEMBERS_API_BURST", 100);
  const perMinute = envNumber("MEMBERS_API_PER_MINUTE", 120);
  return { bucket: "members-api", limit: burst, windowSeconds: Math.max(1, Math.round((burst * 60) / perMinute)) };
}
const API_LIMIT = apiLimit();

export interface ApiDeps {
  db?: Db;
  limit?: Limit;
  now?: Date;
}

type Errors = Record<string, string>;

function answer(status: number, body: unknown, headers: Record<string, string> = {}): JsonAnswer {
  return { status, body, headers };
}

function refuse(status: number, errors: Errors, headers?: Record<string, string>, extra: Record<string, unknown> = {}): JsonAnswer {
  return answer(status, { errors, ...extra }, headers);
}

function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** zod's catalog keys → English messages, one per field; unknown fields are named one by one (at most 20). */
function zodErrors(issues: readonly { path: PropertyKey[]; message: string; code: string; keys?: string[] }[]): Errors {
  const entries: [string, string][] = [];
  const seen = new Set<string>();
  const add = (field: string, key: string) => {
    if (seen.has(field) || entries.length >= 20) return;
    seen.add(field);
    entries.push([field, isMessageKey(key) ? t(key) : t("members.invalid.body")]);
  };
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys" && issue.keys) {
      for (const k of issue.keys) add(k.slice(0, 60), "members.invalid.unknownField");
    } else {
      add(issue.path.map(String).join(".") || "body", issue.message);
    }
  }
  // fromEntries defines own properties, so a field called "__proto__" is reported, not assigned to the prototype.
  return Object.fromEntries(entries);
}

/** The body, or "too_large" as soon as more than `limit` bytes have arrived (Content-Length is not trusted alone). */
async function readBody(req: Request, limit: number): Promise<Uint8Array | "too_large"> {
  const declared = req.headers.get("content-length");
  if (declared !== null && /^[0-9]+$/.test(declared) && Number(declared) > limit) return "too_large";
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      return "too_large";
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Keys sorted at every level, so the same body sent with its fields in another order hashes the same. */
function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
// A non-streaming decode starts afresh each call, so one decoder serves every request.
const UTF8 = new TextDecoder("utf-8", { fatal: true });

async function storedAnswer(db: Db, tokenId: number, key: string) {
  const [prior] = await db
    .select({ requestHash: idempotencyRecords.requestHash, status: idempotencyRecords.status, response: idempotencyRecords.response })
    .from(idempotencyRecords)
    .where(and(eq(idempotencyRecords.tokenId, tokenId), eq(idempotencyRecords.key, key)))
    .limit(1);
  return prior ?? null;
}

/**
 * Per database: the token check and the pre-write read of concurrent requests each go as one query, and
 * their writes as one statement (enrol/batch.ts). Every request still gets its own answer.
 */
const readersByDb = new WeakMap<
  Db,
  {
    auth: Coalescer<string, TokenPrincipal | null>;
    facts: Coalescer<EnrolmentQuery, EnrolmentFacts | undefined>;
    limits: Map<Limit, Coalescer<string, LimitResult>>;
  }
>();
function readersFor(db: Db) {
  let r = readersByDb.get(db);
  if (!r) {
    r = {
      auth: new Coalescer<string, TokenPrincipal | null>((tokens) => authenticateTokens(db, tokens)),
      facts: new Coalescer<EnrolmentQuery, EnrolmentFacts | undefined>((qs) => readEnrolmentFacts(db, qs)),
      limits: new Map(),
    };
    readersByDb.set(db, r);
  }
  return r;
}

/** The rate limit's hits of concurrent requests go as one statement, like the reads. */
function limitHit(db: Db, limit: Limit, tokenId: number): Promise<LimitResult> {
  const limits = readersFor(db).limits;
  let c = limits.get(limit);
  if (!c) {
    c = new Coalescer<string, LimitResult>((keys) => hitMany(db, limit, keys));
    limits.set(limit, c);
  }
  return c.load(String(tokenId));
}

export async function handleEnrolRequest(req: Request, deps: ApiDeps = {}): Promise<JsonAnswer> {
  try {
    return await handle(req, deps);
  } catch (err) {
    const pg = pgError(err);
    // A value the validation let through but the database refused is still the request's fault: a 400.
    if (pg && (pg.code.startsWith("22") || pg.code.startsWith("23"))) {
      return refuse(400, { body: t("members.invalid.body") });
    }
    if (pg && (pg.code === PG.serializationFailure || pg.code === PG.deadlockDetected)) {
      return refuse(503, { server: t("members.api.busy") }, { "retry-after": "1" });
    }
    // No primary (a failover under way): nothing was acknowledged; the app retries with the same Idempotency-Key.
    if (isConnectionFailure(err)) return refuse(503, { server: t("members.api.busy") }, { "retry-after": "2" });
    console.error("POST /api/v1/members failed:", err);
    return refuse(503, { server: t("members.api.busy") }, { "retry-after": "5" });
  }
}

async function handle(req: Request, deps: ApiDeps): Promise<JsonAnswer> {
  const unauthorized = () => refuse(401, { authorization: t("members.api.unauthorized") }, { "www-authenticate": 'Bearer realm="sadasyata"' });
  const token = bearerToken(req.headers.get("authorization"));
  if (!token) return unauthorized();
  const db = deps.db ?? (await getDb());
  const principal = await readersFor(db).auth.load(token);
  if (!principal) return unauthorized();

  const limit = await limitHit(db, deps.limit ?? API_LIMIT, principal.tokenId);
  if (!limit.ok) {
    return refuse(429, { rate: t("members.api.rateLimited") }, { "retry-after": String(limit.retryAfter) });
  }
  // Not awaited: it writes at most once a minute per token, and the sign-up does not depend on it.
  void touchToken(db, principal.tokenId).catch(() => {});

  const key = req.headers.get("idempotency-key")?.trim() ?? "";
  if (key === "") return refuse(400, { idempotencyKey: t("members.api.keyMissing") });
  if (!IDEMPOTENCY_KEY.test(key)) return refuse(400, { idempotencyKey: t("members.api.keyInvalid") });

  // A body that stops arriving (the phone lost its connection, or a load test ended) is the client's doing:
  // answered 400 (nobody is left to read it) instead of being logged as the server's failure.
  const bytes = await readBody(req, MAX_BODY_BYTES).catch(() => "unreadable" as const);
  if (bytes === "unreadable") return refuse(400, { body: t("members.invalid.body") });
  if (bytes === "too_large") return refuse(413, { body: t("members.api.tooLarge") });
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return refuse(400, { body: t("members.api.notUtf8") });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return refuse(400, { body: t("members.api.notJson") });
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return refuse(400, { body: t("members.invalid.body") });
  // JSON.parse turns a "\ud800" escape into a lone surrogate, which PostgreSQL would store as U+FFFD: refused
  // here, by field, before zod or the database sees it. A key that is itself ill-formed is reported as "body".
  const bad = illFormedField(raw as Record<string, unknown>);
  if (bad !== null) return refuse(400, Object.fromEntries([[isWellFormedText(bad) ? bad.slice(0, 60) : "body", t("text.illFormed")]]));
  if (Object.keys(raw).some((k) => !isWellFormedText(k))) return refuse(400, { body: t("text.illFormed") });
  const parsed = ApiMember.safeParse(raw);
  if (!parsed.success) return refuse(400, zodErrors(parsed.error.issues as never));

  const requestHash = createHash("sha256").update(canonicalJson(raw)).digest("hex");
  // Never from the request: behind a proxy req.url names the app's own port (PUBLIC_URL, lib/net/public-url.ts).
  const origin = publicUrl();
  const reads = readersFor(db);
  const prepared = await prepareEnrolment(db, parsed.data, {
    stateId: principal.stateId,
    channel: "app",
    enrolledByWorkerId: principal.workerId,
    boothAllowed: (booth) => tokenCoversBooth(principal, booth),
    idempotency: {
      tokenId: principal.tokenId,
      key,
      requestHash,
      response: (membershipNo) => ({ membershipNo, cardUrl: cardUrl(membershipNo, origin) }),
    },
    now: deps.now,
  }, (q) => reads.facts.load(q));
  const outcome = prepared.kind === "prepared" ? await batcherFor(db).write(prepared) : prepared;
  return respond(db, principal, key, requestHash, outcome);
}

const ANSWER_ORDER = ["membershipNo", "cardUrl"];

/**
 * The stored answer comes back from jsonb with its keys reordered; every copy of an answer is sent with the
 * same key order, so a retry gets byte-for-byte the first answer.
 */
function stable(response: unknown): unknown {
  if (response === null || typeof response !== "object" || Array.isArray(response)) return response;
  const o = response as Record<string, unknown>;
  const keys = Object.keys(o).sort((a, b) => {
    const ia = ANSWER_ORDER.indexOf(a);
    const ib = ANSWER_ORDER.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
  return Object.fromEntries(keys.map((k) => [k, o[k]]));
}

async function respond(db: Db, principal: TokenPrincipal, key: string, requestHash: string, outcome: EnrolOutcome): Promise<JsonAnswer> {
  switch (outcome.kind) {
    case "created":
      return answer(201, stable(outcome.response));
    case "replay":
      return answer(outcome.status, stable(outcome.response), { "idempotent-replayed": "true" });
    case "key_reused":
      return refuse(422, { idempotencyKey: t("members.api.keyReused") });
    case "booth_unknown":
      return refuse(400, { boothCode: t("members.invalid.boothUnknown") });
    case "booth_forbidden":
      return refuse(403, { boothCode: t("members.api.boothForbidden") });
    case "duplicate":
    case "in_flight": {
      // The same key racing itself: once the winner has committed, every copy gets the winner's answer.
      const prior = await storedAnswer(db, principal.tokenId, key);
      if (prior) {
        return prior.requestHash === requestHash
          ? answer(prior.status, stable(prior.response), { "idempotent-replayed": "true" })
          : refuse(422, { idempotencyKey: t("members.api.keyReused") });
      }
      if (outcome.kind === "in_flight") return refuse(409, { epic: t("members.api.inFlight") });
      return refuse(
        409,
        { epic: t("members.api.duplicate", { no: outcome.existingMasked }) },
        undefined,
        { existingMembershipNo: outcome.existingMasked },
      );
    }
  }
}
