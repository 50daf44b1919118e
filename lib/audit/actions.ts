/**
 * Every action id the code records in the audit trail (pure: no database). The audit page names each in
 * words (`audit.action.<id>` in lib/i18n/messages/audit.ts) and offers them as a filter; actions.test.ts reads
 * the source for every id written and fails on one missing here or without a label in English and Hindi.
 */
export const AUDIT_ACTIONS = [
  "appointment.appoint",
  "appointment.replace",
  "appointment.end",
  "appointment.import",
  "workers.reveal",
  "training.create",
  "training.attendance",
  "target.create",
  "target.update",
  "members.create",
  "members.reveal",
  "members.erase",
  "members.export",
  "members.card.download",
  "members.disown",
  "members.import.start",
  "members.import.resume",
  "members.import.done",
  "members.import.cancel",
  "members.import.download",
  "quality.confirm",
  "quality.void",
  "quality.restore",
  "tokens.issue",
  "tokens.revoke",
  "user.create",
  "user.update",
  "user.activate",
  "user.deactivate",
  "user.password_reset",
  "user.sign_out_everywhere",
  "export",
  "export.uncovered_booths",
  "import.geography",
  "import.booths",
  "import.boundaries",
  "seed",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(v: unknown): v is AuditAction {
  return typeof v === "string" && (AUDIT_ACTIONS as readonly string[]).includes(v);
}

/** The entity types events are recorded against (`audit.entity.<type>`). */
export const AUDIT_ENTITIES = [
  "appointment",
  "appointment_import",
  "worker",
  "training",
  "training_attendance",
  "target",
  "member",
  "member_list",
  "member_import",
  "api_token",
  "user",
  "export",
  "progress",
  "targets",
  "geography",
  "booths",
  "ac_boundaries",
  "database",
] as const;
