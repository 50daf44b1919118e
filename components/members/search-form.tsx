import type { Translate } from "@/lib/i18n";
import { SORTS, type MemberSort } from "@/lib/members/search";

/** A plain GET form: the search is in the URL, so it can be bookmarked, shared and paged without JavaScript. */
export function MemberSearchForm({ q, sort, t }: { q: string; sort: MemberSort; t: Translate }) {
  return (
    <form method="get" action="/members" role="search" className="flex flex-wrap items-end gap-3">
      <div className="min-w-0 flex-1 basis-64">
        <label htmlFor="member-q" className="block text-sm font-semibold">
          {t("members.search.label")}
        </label>
        <input
          id="member-q"
          name="q"
          type="search"
          defaultValue={q}
          maxLength={100}
          autoComplete="off"
          placeholder={t("members.search.placeholder")}
          aria-describedby="member-q-hint"
          className="mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-base"
        />
      </div>
      <div>
        <label htmlFor="member-sort" className="block text-sm font-semibold">
          {t("members.sort.label")}
        </label>
        <select
          id="member-sort"
          name="sort"
          defaultValue={sort}
          className="mt-1 block rounded-md border border-stone-300 bg-white px-3 py-2 text-base"
        >
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`members.sort.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
        {t("members.search.submit")}
      </button>
      <p id="member-q-hint" className="w-full text-sm text-muted">
        {t("members.search.hint")}
      </p>
    </form>
  );
}
