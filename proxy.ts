import { NextResponse, type NextRequest } from "next/server";
import { isPublicPath } from "./auth.config";

// Auth.js's session cookie (chunked as `.0`, `.1`… when large; `__Secure-` prefixed over HTTPS).
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

/**
 * Only redirects visitors without a session cookie to /login. It deliberately does not wrap Auth.js's
 * `auth()`: that re-issues the session cookie on every request, and a request in flight while the user signs
 * out would bring the cleared cookie back. Whether the session is valid — and the user still active, and
 * allowed — is decided by `requireViewer()` in every page, action and route handler.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (isPublicPath(pathname)) return NextResponse.next();
  const names = request.cookies.getAll().map((c) => c.name);
  const signedIn = names.some((name) => SESSION_COOKIES.some((c) => name === c || name.startsWith(`${c}.`)));
  if (signedIn) return NextResponse.next();
  const login = new URL("/login", request.url);
  if (pathname !== "/") login.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(login);
}

export const config = {
  // The enrolment API authenticates its own bearer tokens; skipping the proxy saves a hop per sign-up.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt|api/v1/).*)"],
};
