import { formatNumber } from "@/lib/format";
import { getT } from "@/lib/i18n/server";
import { LAG_NOTE_SECONDS, readTarget } from "@/lib/reads";

/**
 * Above a page that reads from the standby (lib/reads.ts): how far behind its figures are, when that is more
 * than a few seconds. Rendered by each such page, not by the frame: a layout is not rendered again when the
 * user moves between pages, and pages that read the primary (members) have nothing to say.
 */
export async function ReadLagNote() {
  const [{ lagSeconds }, { locale, t }] = await Promise.all([readTarget(), getT()]);
  if (lagSeconds <= LAG_NOTE_SECONDS) return null;
  return (
    <p role="status" data-testid="read-lag" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      {t("shell.readLag", { seconds: formatNumber(Math.round(lagSeconds), locale) })}
    </p>
  );
}
