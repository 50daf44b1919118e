import type { Action } from "@/lib/auth/permissions";
import type { MessageKey } from "@/lib/i18n";

/** The pages of DESIGN.md §5, each shown to the roles whose permission it needs. */
export const NAV_ITEMS: { href: string; label: MessageKey; needs?: Action }[] = [
  { href: "/", label: "nav.overview" },
  { href: "/lok-sabha", label: "nav.lokSabha", needs: "progress.view" },
  { href: "/assembly", label: "nav.assembly", needs: "progress.view" },
  { href: "/districts", label: "nav.districts", needs: "progress.view" },
  { href: "/coverage", label: "nav.coverage", needs: "coverage.view" },
  { href: "/enrollers", label: "nav.enrollers", needs: "enrollers.manage" },
  { href: "/it-cell", label: "nav.itCell", needs: "itcell.manage" },
  { href: "/members", label: "nav.members", needs: "members.view" },
  { href: "/members/import", label: "nav.memberImport", needs: "members.create" },
  { href: "/members/tokens", label: "nav.tokens", needs: "tokens.manage" },
  { href: "/quality", label: "quality.nav", needs: "quality.view" },
  { href: "/targets", label: "nav.targets", needs: "targets.set" },
  { href: "/admin/users", label: "nav.users", needs: "users.manage" },
  { href: "/audit", label: "nav.audit", needs: "audit.view" },
];
