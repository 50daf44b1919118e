import { NextResponse, type NextRequest } from "next/server";
import { isPublicPath, SESSION_COOKIES } from "@/auth.config";

/**
 * The Content-Security-Policy of a page, with this request's nonce. Next reads the nonce back from the
 * request's own CSP header and puts it on every script it renders (its runtime, page chunks and the inline
 * flight-data scripts); 'strict-dynamic' then lets those scripts load the chunks they import. Every page
 * is rendered per request (the root layout reads the locale cookie), so each gets a fresh nonce.
 * - No 'unsafe-eval' outside `next dev` (React uses eval there only, for its error overlays).
 * - style-src 'unsafe-inline': Recharts and a few components write `style="…"` attributes, which a nonce
 *   cannot cover; a style cannot run code, and the stylesheets themselves come from 'self'. (A nonce in
 *   style-src would switch 'unsafe-inline' off, so none is given there.)
 * - frame-ancestors 'none' (with X-Frame-Options: DENY from next.config.js for older browsers): pages that
 *   erase members, issue tokens and deactivate users must never be framed.
 */
export function contentSecurityPolicy(nonce: string, dev = process.env.NODE_ENV === "development"): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** HSTS at runtime when the public address is https (next.config.js adds it per request via x-forwarded-proto). */
const HSTS = "max-age=31536000; includeSubDomains";
const httpsPublicUrl = () => /^https:\/\//i.test(process.env.PUBLIC_URL ?? "");

function nonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

function withSecurityHeaders(response: NextResponse, csp: string): NextResponse {
  response.headers.set("content-security-policy", csp);
  if (httpsPublicUrl()) response.headers.set("strict-transport-security", HSTS);
  return response;
}

/**
 * Only redirects visitors without a session cookie to /login. It deliberately does not wrap Auth.js's
 * `auth()`: that re-issues the session cookie on every request, and a request in flight while the user signs
 * out would bring the cleared cookie back. Whether the session is valid — and the user still active, and
 * allowed — is decided by `requireViewer()` in every page, action and route handler.
 * Besides that redirect it only adds headers: the per-request Content-Security-Policy (and HSTS).
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const csp = contentSecurityPolicy(nonce());
  const names = request.cookies.getAll().map((c) => c.name);
  const signedIn = names.some((name) => SESSION_COOKIES.some((c) => name === c || name.startsWith(`${c}.`)));
  if (!isPublicPath(pathname) && !signedIn) {
    const login = new URL("/login", request.url);
    if (pathname !== "/") login.searchParams.set("callbackUrl", `${pathname}${search}`);
    return withSecurityHeaders(NextResponse.redirect(login), csp);
  }
  // The policy also travels on the request: that is where Next's renderer finds the nonce.
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", csp);
  return withSecurityHeaders(NextResponse.next({ request: { headers } }), csp);
}

export const config = {
  // The enrolment API authenticates its own bearer tokens; skipping the proxy saves a hop per sign-up.
  // Whatever is skipped here gets its security headers (a fixed, script-free CSP) from next.config.js.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt|api/v1/).*)"],
};
