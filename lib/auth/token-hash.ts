import { createHash, randomBytes } from "node:crypto";

/**
 * Enroller API tokens as strings: made here, stored only as a SHA-256 hash. Pure (no database, no
 * `server-only`) so the seed can store the demo token's hash too.
 */

const TOKEN_PREFIX = "sdt_";
/** What lists show to tell tokens apart: the marker and four random characters. */
const SHOWN_CHARS = 8;

/** A new token: 256 random bits, base64url, behind a marker that says what it is when it turns up in a log. */
export function generateToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function tokenPrefixOf(token: string): string {
  return token.slice(0, SHOWN_CHARS);
}

/**
 * The token of an `Authorization: Bearer …` header, or null. Anything that cannot be a token (too long,
 * odd characters) is refused before it reaches the database.
 */
export function bearerToken(header: string | null): string | null {
  if (!header) return null;
  const m = /^Bearer[ ]+([A-Za-z0-9._~+/=-]{8,200})[ ]*$/i.exec(header);
  return m ? m[1]! : null;
}
