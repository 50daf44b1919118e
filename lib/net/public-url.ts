/**
 * The one public address of this deployment, for every absolute link the app hands out: the card link in the
 * API's 201 answer, the verification link printed on the card and in its QR code. It comes from the PUBLIC_URL
 * setting and never from a request (a Host or X-Forwarded-Host header is whatever the client wrote, and behind
 * a proxy `req.url` names the app's own port). Unset, it is `http://localhost:${PORT || 3000}`: right for the
 * demo on one machine, wrong for anyone else, so a deployment sets it.
 */

let memo: { raw: string; origin: string } | null = null;

export class PublicUrlError extends Error {
  constructor(value: string, why: string) {
    super(`PUBLIC_URL=${JSON.stringify(value.slice(0, 200))} is not usable: ${why}. Set it to the address people open, e.g. https://members.example.org`);
    this.name = "PublicUrlError";
  }
}

/** Parses and checks a PUBLIC_URL value: an http(s) origin, optionally with a trailing slash, nothing more. */
export function parsePublicUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new PublicUrlError(value, "not a URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new PublicUrlError(value, "only http:// and https:// work");
  if (url.username || url.password) throw new PublicUrlError(value, "it must not carry a user name or password");
  // The app is served at the root; a path here would print links that lead nowhere.
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash) throw new PublicUrlError(value, "give the origin only, without a path, query or #");
  return url.origin;
}

/**
 * The public origin without a trailing slash, e.g. `https://members.example.org`. Checked once per value; a
 * malformed setting throws a PublicUrlError naming it (at startup when instrumentation calls this, else at the
 * first link built).
 */
export function publicUrl(env: Record<string, string | undefined> = process.env): string {
  const configured = env.PUBLIC_URL?.trim();
  const raw = configured || `http://localhost:${env.PORT?.trim() || 3000}`;
  if (memo?.raw === raw) return memo.origin;
  const origin = parsePublicUrl(raw);
  memo = { raw, origin };
  return origin;
}

/** An absolute link to `path` (which starts with `/`) on the public origin. */
export function publicLink(path: string, env?: Record<string, string | undefined>): string {
  if (!path.startsWith("/")) throw new Error(`publicLink: path must start with "/": ${path}`);
  return `${publicUrl(env)}${path}`;
}
