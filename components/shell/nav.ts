import { can, type Action } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import type { GeoLevel } from "@/lib/geo/levels";
import type { MessageKey } from "@/lib/i18n";

export interface NavItem {
  href: string;
  label: MessageKey;
  /** The permission the page needs… */
  needs?: Action;
  /** …at this unit level (a page that lists units of one level). */
  at?: GeoLevel;
  /** Scopes the page has something for: a list of Lok Sabha seats means nothing below a seat. */
  scopes?: readonly Viewer["scope"]["level"][];
}

/** The pages of DESIGN.md §5, each shown to the roles whose permission it needs. */
export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "nav.overview" },
  // As lib/progress/pages.ts listPageData decides: the seats are listed for a state or seat scope only.
  { href: "/lok-sabha", label: "nav.lokSabha", needs: "progress.view", at: "pc", scopes: ["state", "pc"] },
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

/** The menu a viewer sees: only the pages they can open and that have something for their scope. */
export function navItemsFor(viewer: Pick<Viewer, "role"> & { scope: Pick<Viewer["scope"], "level"> }): NavItem[] {
  return NAV_ITEMS.filter((i) => !i.needs || (can(viewer, i.needs, i.at) && (!i.scopes || i.scopes.includes(viewer.scope.level))));
}
