/**
 * An audit event in words, for the audit page: what was acted on, and the change as a short list of
 * "field: old → new" in the reader's language. Pure (takes the translator), so it is tested without a page.
 *
 * The events' `before` and `after` are whatever each write recorded (lib/audit/write.ts callers); this module
 * names the fields they use. Internal ids (worker, appointment, unit…) mean nothing to a reader and are left
 * out; a field this module does not know is shown under its own name rather than hidden.
 */
import { isAuditAction } from "@/lib/audit/actions";
import { formatDay, formatNumber } from "@/lib/format";
import { isMessageKey, type Locale, type MessageKey, type Translate } from "@/lib/i18n";

type Json = Record<string, unknown>;

export interface ChangeLine {
  field: string;
  /** Absent: the field is new with this event (a creation). */
  before?: string;
  /** Absent: the field went away (a post ended, say). */
  after?: string;
}

export interface DescribedEvent {
  action: string;
  subject: string;
  changes: ChangeLine[];
}

/** Ids a reader cannot use; the subject names the unit or person instead. */
const HIDDEN = new Set(["workerId", "appointmentId", "unitId", "campaignId", "districtId", "boothId", "flagId", "sha256", "acId"]);

/** Fields named in the subject: listed in the change only when their value changes. */
const SUBJECT_FIELDS: Record<string, readonly string[]> = {
  appointment: ["role", "level", "unitKey"],
  api_token: ["prefix", "role", "level"],
  target: ["level", "unitLabel"],
  member: ["membershipNo"],
  user: ["email"],
  training: ["title"],
  member_import: ["fileName"],
};

/** Field values that are words from a fixed list: the catalog keys they may be found under, in order. */
const VOCABULARY: Record<string, readonly string[]> = {
  role: ["appointments.role.", "role."],
  level: ["progress.level."],
  channel: ["members.channel."],
  reasons: ["quality.reason."],
  reason: ["quality.reason."],
  standing: ["audit.value.standing."],
  status: ["audit.value.status."],
  fields: ["audit.value.fields."],
  section: ["audit.value.section."],
  kind: ["audit.value.kind."],
};

/** Fields read first, in this order (jsonb keeps its keys sorted by length, which reads at random). */
const FIRST = ["workerName", "members", "role", "scope", "standing", "active", "daysAttended", "reason", "reasons", "note"];
/** Numbers that are names, not amounts: no digit grouping. */
const PLAIN_NUMBERS = new Set(["seed", "line", "nextLine", "pageNo"]);

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function key(k: string): MessageKey | null {
  return isMessageKey(k) ? k : null;
}

/** A field's name in words (its own name when unknown). */
export function fieldLabel(t: Translate, field: string): string {
  const k = key(`audit.field.${field}`);
  return k ? t(k) : field;
}

/** A value in words: yes/no, numbers and days in the reader's form, known vocabularies translated. */
export function valueText(t: Translate, locale: Locale, field: string, v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "boolean") return t(v ? "audit.value.yes" : "audit.value.no");
  if (typeof v === "number") return PLAIN_NUMBERS.has(field) ? String(v) : formatNumber(v, locale);
  if (typeof v === "string") {
    for (const prefix of VOCABULARY[field] ?? []) {
      const k = key(`${prefix}${v}`);
      if (k) return t(k);
    }
    if (/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(v)) return formatDay(v, locale);
    return v.length > 120 ? `${v.slice(0, 119)}…` : v;
  }
  if (Array.isArray(v)) return v.length === 0 ? "—" : v.map((x) => valueText(t, locale, field, x)).join(", ");
  if (isObject(v)) {
    // A user's scope: { level, name } as the app names scopes everywhere.
    if (field === "scope" && typeof v.level === "string") {
      const k = key(`scope.${v.level}`);
      if (k) return t(k, { name: String(v.name ?? v.key ?? "") });
    }
    const parts = Object.entries(v)
      .filter(([k, x]) => !HIDDEN.has(k) && x !== null && x !== undefined && x !== "")
      .map(([k, x]) => `${fieldLabel(t, k)}: ${valueText(t, locale, k, x)}`);
    return parts.length ? parts.join("; ") : "—";
  }
  return String(v);
}

/** The action in words; an id this version does not know is shown as it is. */
export function actionLabel(t: Translate, action: string): string {
  return isAuditAction(action) ? t(`audit.action.${action}`) : action;
}

export function entityLabel(t: Translate, entityType: string): string {
  const k = key(`audit.entity.${entityType}`);
  return k ? t(k) : entityType;
}

/** What was acted on: "Enroller · Booth 049-123", "Member CG26-0000123", "Target · Assembly seat 51 · Raipur City West". */
export function subjectOf(
  t: Translate,
  locale: Locale,
  e: { entityType: string; entityId: string | null; before: unknown; after: unknown; userEmail?: string | null },
): string {
  const b = isObject(e.before) ? e.before : {};
  const a = isObject(e.after) ? e.after : {};
  const pick = (k: string) => (a[k] !== undefined && a[k] !== null ? a[k] : b[k]);
  const word = (k: string) => valueText(t, locale, k, pick(k));
  const entity = entityLabel(t, e.entityType);
  switch (e.entityType) {
    case "appointment":
    case "api_token": {
      const unit = pick("unitKey") ?? (pick("unitId") !== undefined ? `#${String(pick("unitId"))}` : null);
      const parts = [pick("role") ? word("role") : entity, pick("level") ? `${word("level")} ${unit ?? ""}`.trim() : null];
      if (e.entityType === "api_token" && pick("prefix")) parts.push(String(pick("prefix")));
      return parts.filter(Boolean).join(" · ");
    }
    case "target":
      return [entity, pick("level") ? word("level") : null, pick("unitLabel") ? String(pick("unitLabel")) : null].filter(Boolean).join(" · ");
    case "member":
      return `${entity} ${String(pick("membershipNo") ?? `#${e.entityId ?? ""}`)}`;
    case "user":
      return `${entity} ${String(pick("email") ?? e.userEmail ?? pick("name") ?? `#${e.entityId ?? ""}`)}`;
    case "training":
      return pick("title") ? `${entity} · ${String(pick("title"))}` : `${entity} #${e.entityId ?? ""}`;
    case "training_attendance":
      return `${entity} #${(e.entityId ?? "").split(":")[0]}`;
    case "member_import":
      return pick("fileName") ? `${entity} · ${String(pick("fileName"))}` : `${entity} #${e.entityId ?? ""}`;
    case "appointment_import":
    case "progress":
    case "targets":
      return e.entityId ? `${entity} · ${e.entityId}` : entity;
    default:
      return e.entityId && !/^[0-9]+$/.test(e.entityId) ? `${entity} · ${e.entityId}` : entity;
  }
}

/** The change as lines of "field: old → new"; unchanged fields and internal ids are left out. */
export function changeLines(t: Translate, locale: Locale, e: { entityType: string; before: unknown; after: unknown }): ChangeLine[] {
  const b = isObject(e.before) ? e.before : null;
  const a = isObject(e.after) ? e.after : null;
  const subject = new Set(SUBJECT_FIELDS[e.entityType] ?? []);
  const rank = (f: string) => (FIRST.includes(f) ? FIRST.indexOf(f) : FIRST.length);
  const fields = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])]
    .filter((f) => !HIDDEN.has(f))
    .map((f, i) => ({ f, i }))
    .sort((x, y) => rank(x.f) - rank(y.f) || x.i - y.i)
    .map((x) => x.f);
  const lines: ChangeLine[] = [];
  for (const f of fields) {
    const inB = b !== null && f in b && b[f] !== null && b[f] !== undefined;
    const inA = a !== null && f in a && a[f] !== null && a[f] !== undefined;
    if (inB && inA && same(b[f], a[f])) continue;
    if (subject.has(f) && !(inB && inA)) continue;
    if (!inB && !inA) continue;
    const line: ChangeLine = { field: fieldLabel(t, f) };
    if (inB) line.before = valueText(t, locale, f, b[f]);
    if (inA) line.after = valueText(t, locale, f, a[f]);
    lines.push(line);
  }
  return lines;
}

export function describeEvent(
  t: Translate,
  locale: Locale,
  e: { action: string; entityType: string; entityId: string | null; before: unknown; after: unknown; userEmail?: string | null },
): DescribedEvent {
  return { action: actionLabel(t, e.action), subject: subjectOf(t, locale, e), changes: changeLines(t, locale, e) };
}
