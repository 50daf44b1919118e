import { Field, SelectField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { Translate } from "@/lib/i18n";
import { SORTS, type MemberSort } from "@/lib/members/search";

/** A plain GET form: the search is in the URL, so it can be bookmarked, shared and paged without JavaScript. */
export function MemberSearchForm({ q, sort, t }: { q: string; sort: MemberSort; t: Translate }) {
  return (
    <form method="get" action="/members" role="search" className="flex flex-wrap items-start gap-3">
      <Field
        id="member-q"
        name="q"
        label={t("members.search.label")}
        hint={t("members.search.hint")}
        type="search"
        defaultValue={q}
        maxLength={100}
        autoComplete="off"
        placeholder={t("members.search.placeholder")}
        frameClassName="min-w-0 flex-1 basis-64"
      />
      <SelectField id="member-sort" name="sort" label={t("members.sort.label")} defaultValue={sort} frameClassName="w-auto">
        {SORTS.map((s) => (
          <option key={s} value={s}>
            {t(`members.sort.${s}`)}
          </option>
        ))}
      </SelectField>
      <SubmitButton className="mt-6">{t("members.search.submit")}</SubmitButton>
    </form>
  );
}
