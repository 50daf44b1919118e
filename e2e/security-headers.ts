import { expect, type APIResponse, type Response } from "@playwright/test";

type Headers = Record<string, string>;

const REFERRER_POLICIES = new Set(["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"]);

/**
 * What is missing from an answer's security headers (issue 9, item 5): empty when all is well. Returned as a
 * list so that the authorization matrix can report every cell at once instead of stopping at the first.
 */
export function securityHeaderProblems(headers: Headers): string[] {
  const h = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const problems: string[] = [];
  const csp = h["content-security-policy"];
  if (!csp) problems.push("no Content-Security-Policy");
  else {
    if (!/(^|;)\s*frame-ancestors\s+'none'\s*(;|$)/i.test(csp)) problems.push("CSP without frame-ancestors 'none'");
    // Production pages need no eval; development mode is never what the e2e server runs.
    if (/'unsafe-eval'/i.test(csp)) problems.push("CSP allows 'unsafe-eval'");
  }
  if ((h["x-frame-options"] ?? "").toUpperCase() !== "DENY") problems.push(`X-Frame-Options ${h["x-frame-options"] ?? "missing"}, not DENY`);
  const referrer = (h["referrer-policy"] ?? "").split(",").map((s) => s.trim().toLowerCase()).filter(Boolean).at(-1);
  if (!referrer || !REFERRER_POLICIES.has(referrer)) problems.push(`Referrer-Policy ${h["referrer-policy"] ?? "missing"}`);
  if ((h["x-content-type-options"] ?? "").toLowerCase() !== "nosniff") problems.push("no X-Content-Type-Options: nosniff");
  if (!h["permissions-policy"]) problems.push("no Permissions-Policy");
  return problems;
}

/** Fails the test unless the answer carries every security header. */
export function expectSecurityHeaders(response: APIResponse | Response | Headers) {
  const headers = typeof (response as APIResponse).headers === "function" ? (response as APIResponse).headers() : (response as Headers);
  expect(securityHeaderProblems(headers), `security headers of ${"url" in response && typeof response.url === "function" ? response.url() : "answer"}`).toEqual([]);
}
