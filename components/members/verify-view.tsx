import { LanguageSwitch } from "@/components/shell/language-switch";
import { unitName } from "@/lib/i18n";
import { getT } from "@/lib/i18n/server";
import type { VerifyPageData } from "@/lib/members/pages";

/** What the QR code on a card opens: valid (with the signed link, the masked name and seat), not found, or too many visits. */
export async function VerifyView({ result, shown }: VerifyPageData) {
  const { locale, t } = await getT();
  return (
    <main className="mx-auto max-w-md px-4 py-10">
      <div className="mb-6 flex items-center justify-between gap-3">
        <div>
          <p className="text-2xl font-semibold text-brand-700">{t("app.name")}</p>
          <h1 className="text-sm text-muted">{t("verify.title")}</h1>
        </div>
        <LanguageSwitch />
      </div>
      {"limited" in result ? (
        <p role="alert" className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-warn" data-testid="verify-too-many">
          {t("members.verify.tooMany")}
        </p>
      ) : result.found ? (
        <section className="rounded-lg border border-green-200 bg-white p-5 shadow-sm" data-testid="verify-valid">
          <p className="text-lg font-semibold text-ok">✓ {t("members.verify.valid")}</p>
          {result.detail ? (
            <>
              <p className="mt-1 tabular-nums">{t("members.verify.validBody", { no: result.membershipNo })}</p>
              <dl className="mt-4 grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
                <dt className="text-muted">{t("members.verify.name")}</dt>
                <dd data-testid="verify-name">{result.detail.nameMasked}</dd>
                <dt className="text-muted">{t("members.verify.ac")}</dt>
                <dd data-testid="verify-ac">
                  {result.detail.acNo} · {unitName({ name: result.detail.acName, nameHi: result.detail.acNameHi }, locale)}
                </dd>
              </dl>
            </>
          ) : (
            <>
              <p className="mt-1 tabular-nums" data-testid="verify-bare">
                {t("members.verify.validBare", { no: result.membershipNo })}
              </p>
              <p className="mt-2 text-sm text-muted">{t("members.verify.scanHint")}</p>
            </>
          )}
        </section>
      ) : (
        <section className="rounded-lg border border-stone-300 bg-white p-5 shadow-sm" data-testid="verify-not-found">
          <p className="text-lg font-semibold text-bad">{t("members.verify.notFound")}</p>
          <p className="mt-1 break-words">{t("members.verify.notFoundBody", { no: shown })}</p>
        </section>
      )}
      <p className="mt-6 text-xs text-muted">{t("members.verify.note")}</p>
    </main>
  );
}
