/**
 * Cookie-authenticated POST route handlers (unlike server actions) get no built-in cross-site check: a
 * request whose Origin names another host is refused. Browsers always send Origin on cross-site POSTs.
 */
export function crossSite(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (!origin) return false;
  try {
    return new URL(origin).host !== (req.headers.get("x-forwarded-host") ?? req.headers.get("host"));
  } catch {
    return true;
  }
}
