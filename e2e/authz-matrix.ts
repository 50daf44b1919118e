/**
 * The authorization matrix (issue 9): every route under app/ × every principal → the expected answer, in one
 * table. e2e/authz-matrix.spec.ts walks app/ at test time, so a route file without a row here fails the test.
 *
 * The expectations come from lib/auth/permissions.ts and each page's own checks, and from the two meanings of
 * scope: a page may be read where its unit overlaps the viewer's area (an assembly-seat IT head opens the
 * Raipur district's page and sees the part inside the seat). They are what the app SHOULD answer: where it
 * answers otherwise the test fails; the table is not bent to match the app.
 *
 * Dynamic segments are filled with a Raipur-side sample (inside assembly seat 49, so inside Lok Sabha seat 8 and
 * Raipur district too) and a Durg sample, from e2e/.state/matrix-<port>.json (see e2e/matrix-users.ts). A
 * sample's `secret` (a name from that area) must not appear in any answer to a principal of the other area.
 */
import type { MatrixSamples } from "@/e2e/matrix-users";

/** Who asks. `area` is what a principal may read: the whole state, or the Raipur or Durg side of the samples. */
export const PRINCIPALS = {
  leadership: { area: "state", email: "pcc@demo.local" },
  admin: { area: "state", email: "admin@demo.local" },
  president: { area: "raipur", email: "raipur@demo.local" },
  itState: { area: "state", email: "itcell@demo.local" },
  itPc: { area: "raipur", email: "matrix-it-pc8@demo.local" },
  itAc: { area: "raipur", email: "matrix-it-ac49@demo.local" },
  itDistrict: { area: "durg", email: "matrix-it-durg@demo.local" },
  /** No cookie at all. */
  signedOut: { area: "none", email: null },
  /** A cookie taken while signed in, sent again after the administrator deactivated the user. */
  deactivated: { area: "none", email: "matrix-deactivate@demo.local" },
  /** A cookie taken while signed in, sent again after the user clicked "Sign out". */
  replayed: { area: "none", email: "matrix-signout@demo.local" },
} as const;
export type PrincipalKey = keyof typeof PRINCIPALS;
export const PRINCIPAL_KEYS = Object.keys(PRINCIPALS) as PrincipalKey[];
const SIGNED_IN = PRINCIPAL_KEYS.filter((p) => PRINCIPALS[p].area !== "none");
const NO_VIEWER = PRINCIPAL_KEYS.filter((p) => PRINCIPALS[p].area === "none");

/**
 * An HTTP status, or: "login" — a page redirects to /login; a route handler answers 401 or redirects to /login
 * (proxy.ts sends every cookie-less request outside the public paths to /login before the handler runs);
 * "home" — a redirect to /.
 */
export type Outcome = 200 | 400 | 401 | 403 | 404 | 409 | "login" | "home";

export interface Case {
  path: string;
  /** Which side of the samples this case's data lies on; "elsewhere" is neither Raipur nor Durg. */
  area?: "raipur" | "durg" | "elsewhere";
  /** Text of that area that must not reach a principal of another area (nor anyone, with `secretFromAll`). */
  secret?: string | string[];
  secretFromAll?: boolean;
  /** /api/auth/session: a live session names its user; an ended one answers no user and sets no new cookie. */
  check?: "session";
  expect: Record<PrincipalKey, Outcome>;
}

export interface Row {
  /** The route as under app/, route groups removed: `/members/[membershipNo]/card`. */
  route: string;
  kind: "page" | "api";
  method?: "GET" | "POST";
  body?: string;
  headers?: Record<string, string>;
  cases: Case[];
}

type Group = readonly PrincipalKey[];
const STATE: Group = ["leadership", "admin", "itState"];
const RAIPUR_SIDE: Group = ["president", "itPc", "itAc"];
const IT_HEADS: Group = ["itState", "itPc", "itAc", "itDistrict"];
const MEMBER_ROLES: Group = ["leadership", "president"];

/** `allowed` get `ok`, the other signed-in principals `refused`, the three without a live viewer `anon`. */
function only(allowed: Group, opts: { ok?: Outcome; refused?: Outcome; anon?: Outcome } = {}): Record<PrincipalKey, Outcome> {
  const { ok = 200, refused = 404, anon = "login" } = opts;
  const out = {} as Record<PrincipalKey, Outcome>;
  for (const p of SIGNED_IN) out[p] = allowed.includes(p) ? ok : refused;
  for (const p of NO_VIEWER) out[p] = anon;
  return out;
}
const everyone = (ok: Outcome, anon: Outcome = ok) => only(SIGNED_IN, { ok, anon });

export function matrix(s: MatrixSamples): Row[] {
  const page = (route: string, cases: Case[]): Row => ({ route, kind: "page", cases });
  const api = (route: string, cases: Case[], extra: Partial<Row> = {}): Row => ({ route, kind: "api", ...extra, cases });
  const one = (path: string, expect: Case["expect"], extra: Partial<Case> = {}): Case[] => [{ path, expect, ...extra }];
  const { member, booth, block, training } = s;

  return [
    // Public.
    page("/login", one("/login", everyone("home", 200))),
    page("/verify/[membershipNo]", [
      // A bare number (no signature from the card's QR) shows neither the member's name nor their seat, to anyone.
      { path: `/verify/${member.raipur.no}`, area: "raipur", secret: [member.raipur.name, "Raipur City West"], secretFromAll: true, expect: everyone(200) },
      { path: "/verify/CG26-9999999", expect: everyone(200) },
    ]),
    // "Was I enrolled?" and "I did not join": public, the same for everyone (an empty form is refused alike).
    page("/verify", one("/verify", everyone(200))),
    page("/verify/disowned", one("/verify/disowned", everyone(200))),
    page("/verify/enrolled", one("/verify/enrolled", everyone(200))),
    page("/verify/too-many", one("/verify/too-many", everyone(200))),
    api("/api/verify/disown", one("/api/verify/disown", everyone(400)), { method: "POST", body: "" }),
    api("/api/verify/enrolled", one("/api/verify/enrolled", everyone(400)), { method: "POST", body: "" }),
    api("/api/health", one("/api/health", everyone(200))),
    api("/api/auth/[...nextauth]", [
      { path: "/api/auth/session", check: "session", expect: everyone(200) },
      { path: "/api/auth/csrf", expect: everyone(200) },
      { path: "/api/auth/providers", expect: everyone(200) },
    ]),
    // The enrolment API takes bearer tokens only: a dashboard cookie opens nothing there.
    api("/api/v1/members", one("/api/v1/members", everyone(401)), {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json", "idempotency-key": "matrix-no-token" },
    }),

    // Progress: every role, its own area.
    page("/", one("/", everyone(200, "login"))),
    page("/lok-sabha", one("/lok-sabha", everyone(200, "login"))),
    page("/assembly", one("/assembly", everyone(200, "login"))),
    page("/districts", one("/districts", everyone(200, "login"))),
    page("/lok-sabha/[no]", [
      // A district president's role has no Lok Sabha level at all.
      { path: "/lok-sabha/8", area: "raipur", secret: "Raipur", expect: only([...STATE, "itPc", "itAc"]) },
      { path: "/lok-sabha/7", area: "durg", secret: "Durg", expect: only([...STATE, "itDistrict"]) },
      { path: "/lok-sabha/12", expect: only([]) },
    ]),
    page("/assembly/[no]", [
      { path: "/assembly/49", area: "raipur", secret: "Raipur City West", expect: only([...STATE, ...RAIPUR_SIDE]) },
      { path: "/assembly/64", area: "durg", secret: "Durg City", expect: only([...STATE, "itDistrict"]) },
      // Seat 1 spans two districts in the north: nobody below the state reaches it.
      { path: "/assembly/1", area: "elsewhere", secret: "Bharatpur-Sonhat", expect: only(STATE) },
    ]),
    page("/districts/[slug]", [
      { path: "/districts/raipur", area: "raipur", secret: "Raipur", expect: only([...STATE, ...RAIPUR_SIDE]) },
      { path: "/districts/durg", area: "durg", secret: "Durg", expect: only([...STATE, "itDistrict"]) },
    ]),
    page("/districts/[slug]/blocks/[id]", [
      { path: `/districts/raipur/blocks/${block.raipur.id}`, area: "raipur", secret: block.raipur.name, expect: only([...STATE, ...RAIPUR_SIDE]) },
      { path: `/districts/durg/blocks/${block.durg.id}`, area: "durg", secret: block.durg.name, expect: only([...STATE, "itDistrict"]) },
      // A block under the wrong district's slug is not found, for anyone.
      { path: `/districts/durg/blocks/${block.raipur.id}`, expect: only([]) },
    ]),
    page("/booths/[code]", [
      { path: `/booths/${booth.raipur.code}`, area: "raipur", secret: booth.raipur.name, expect: only([...STATE, ...RAIPUR_SIDE]) },
      { path: `/booths/${booth.durg.code}`, area: "durg", secret: booth.durg.name, expect: only([...STATE, "itDistrict"]) },
    ]),
    page("/targets", one("/targets", only(MEMBER_ROLES))),
    api("/api/progress/summary", one("/api/progress/summary", everyone(200, "login"))),
    api("/api/export/progress", [
      { path: "/api/export/progress?list=district", expect: everyone(200, "login") },
      { path: "/api/export/progress?level=district&key=raipur&table=block", area: "raipur", expect: only([...STATE, ...RAIPUR_SIDE]) },
      { path: "/api/export/progress?level=district&key=durg&table=block", area: "durg", secret: block.durg.name, expect: only([...STATE, "itDistrict"]) },
      { path: "/api/export/progress", expect: everyone(400, "login") },
    ]),

    // Coverage: every role.
    page("/coverage", one("/coverage", everyone(200, "login"))),
    // Uploading the map's boundary file: administrators only; an empty body is refused as a bad file.
    api("/coverage/boundaries", one("/coverage/boundaries", only(["admin"], { ok: 400, refused: 403 })), { method: "POST", body: "" }),
    api("/coverage/export", [
      { path: "/coverage/export", expect: everyone(200, "login") },
      { path: "/coverage/export?district=raipur", area: "raipur", expect: only([...STATE, ...RAIPUR_SIDE]) },
      { path: "/coverage/export?district=durg", area: "durg", secret: "Durg", expect: only([...STATE, "itDistrict"]) },
    ]),

    // Enrollers and trainings: leadership and district presidents.
    page("/enrollers", one("/enrollers", only(MEMBER_ROLES))),
    page("/enrollers/import", one("/enrollers/import", only(MEMBER_ROLES))),
    page("/enrollers/trainings", one("/enrollers/trainings", only(MEMBER_ROLES))),
    page("/enrollers/trainings/[id]", [
      { path: `/enrollers/trainings/${training.raipur}`, area: "raipur", expect: only(MEMBER_ROLES) },
      { path: `/enrollers/trainings/${training.durg}`, area: "durg", secret: "Durg", expect: only(["leadership"]) },
      { path: "/enrollers/trainings/999999", expect: only([]) },
    ]),
    page("/enrollers/[role]/[level]/[unit]", [
      { path: "/enrollers/chief-enroller/district/raipur", area: "raipur", expect: only(MEMBER_ROLES) },
      { path: "/enrollers/chief-enroller/district/durg", area: "durg", secret: "Durg", expect: only(["leadership"]) },
      { path: `/enrollers/enroller/booth/${booth.raipur.code}`, area: "raipur", secret: booth.raipur.name, expect: only(MEMBER_ROLES) },
      { path: `/enrollers/enroller/booth/${booth.durg.code}`, area: "durg", secret: booth.durg.name, expect: only(["leadership"]) },
    ]),

    // IT cell: leadership and IT-cell heads (no state-level posts, but a state scope reads every post).
    page("/it-cell", one("/it-cell", only(["leadership", ...IT_HEADS]))),
    page("/it-cell/import", one("/it-cell/import", only(["leadership", ...IT_HEADS]))),
    page("/it-cell/[role]/[level]/[unit]", [
      // Raipur district overlaps seat 49: the seat's head may read the post (but not act on it).
      { path: "/it-cell/president/district/raipur", area: "raipur", expect: only(["leadership", "itState", "itPc", "itAc"]) },
      { path: "/it-cell/president/district/durg", area: "durg", secret: "Durg", expect: only(["leadership", "itState", "itDistrict"]) },
      { path: `/it-cell/member/booth/${booth.raipur.code}`, area: "raipur", secret: booth.raipur.name, expect: only(["leadership", "itState", "itPc", "itAc"]) },
      { path: `/it-cell/member/booth/${booth.durg.code}`, area: "durg", secret: booth.durg.name, expect: only(["leadership", "itState", "itDistrict"]) },
    ]),

    // Members: leadership and district presidents, in their area.
    page("/members", one("/members", only(MEMBER_ROLES))),
    page("/members/new", one("/members/new", only(MEMBER_ROLES))),
    page("/members/import", one("/members/import", only(MEMBER_ROLES))),
    page("/members/tokens", one("/members/tokens", only(MEMBER_ROLES))),
    // Enroller scorecards: leadership (the state) and district presidents (their district), nobody else.
    page("/quality/enrollers", one("/quality/enrollers", only(MEMBER_ROLES))),
    // The review queue and its JSON view: leadership (the state) and district presidents (their district).
    page("/quality", [
      { path: "/quality", expect: only(MEMBER_ROLES) },
      { path: "/quality?status=voided&reason=burst", expect: only(MEMBER_ROLES) },
    ]),
    api("/api/quality/flags", [
      { path: "/api/quality/flags?status=open", expect: only(MEMBER_ROLES, { refused: 403 }) },
      { path: "/api/quality/flags?reason=burst&status=open", expect: only(MEMBER_ROLES, { refused: 403 }) },
      { path: "/api/quality/flags?reason=nonsense", expect: only(MEMBER_ROLES, { ok: 400, refused: 403 }) },
    ]),
    page("/members/[membershipNo]", [
      { path: `/members/${member.raipur.no}`, area: "raipur", secret: member.raipur.name, expect: only(MEMBER_ROLES) },
      { path: `/members/${member.durg.no}`, area: "durg", secret: member.durg.name, expect: only(["leadership"]) },
    ]),
    // Cards are reachable without a session only with a valid signature; otherwise a plain 404 for all alike.
    api("/members/[membershipNo]/card", [
      { path: `/members/${member.raipur.no}/card`, area: "raipur", secret: member.raipur.name, expect: only(MEMBER_ROLES, { anon: 404 }) },
      { path: `/members/${member.durg.no}/card`, area: "durg", secret: member.durg.name, expect: only(["leadership"], { anon: 404 }) },
      { path: `/members/${member.durg.no}/card?sig=forged`, area: "durg", secret: member.durg.name, expect: only(["leadership"], { anon: 404 }) },
    ]),
    api("/members/[membershipNo]/card.png", [
      { path: `/members/${member.raipur.no}/card.png`, area: "raipur", expect: only(MEMBER_ROLES, { anon: 404 }) },
      { path: `/members/${member.durg.no}/card.png`, area: "durg", expect: only(["leadership"], { anon: 404 }) },
    ]),
    api("/members/export", one("/members/export", only(["leadership"]))),
    api("/members/new/booths", [
      { path: `/members/new/booths?q=${encodeURIComponent(booth.durg.code)}`, area: "durg", secret: booth.durg.name, expect: only(MEMBER_ROLES, { refused: 403 }) },
    ]),
    // Uploading: an empty body is refused as a bad file, after the role check.
    api("/api/members/import", one("/api/members/import", only(MEMBER_ROLES, { ok: 400, refused: 403 })), { method: "POST", body: "" }),
    // A finished import by the Raipur president: theirs, and every import of the state for state leadership.
    api("/api/members/import/[id]", one(`/api/members/import/${s.importId}`, only(MEMBER_ROLES))),
    api("/api/members/import/[id]/outcome", one(`/api/members/import/${s.importId}/outcome`, only(MEMBER_ROLES))),
    // Cancelling a finished import is a conflict for those who can see it, and not found for everyone else.
    api("/api/members/import/[id]/cancel", one(`/api/members/import/${s.importId}/cancel`, only(MEMBER_ROLES, { ok: 409 })), { method: "POST" }),

    // Administration.
    page("/admin/users", one("/admin/users", only(["admin"]))),
    page("/audit", one("/audit", only(["admin", "leadership"]))),
  ];
}
