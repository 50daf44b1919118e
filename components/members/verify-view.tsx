import Link from "next/link";
import type { ReactNode } from "react";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { buttonClass, linkCls } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Section } from "@/components/ui/section";
import { formatDay } from "@/lib/format";
import { unitName } from "@/lib/i18n";
import { getT } from "@/lib/i18n/server";
import type { VerifyPageData } from "@/lib/members/pages";
import type { Enrolment } from "@/lib/members/quality/disown";

type T = Awaited<ReturnType<typeof getT>>["t"];

/** The public pages' frame: the app's name, the page's title, the language switch, and the closing note. */
async function VerifyFrame({ children }: { children: (t: T, locale: Awaited<ReturnType<typeof getT>>["locale"]) => ReactNode }) {
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
      {children(t, locale)}
      <p className="mt-6 text-xs text-muted">{t("members.verify.note")}</p>
    </main>
  );
}

/**
 * "Was I enrolled?": a plain form (no JavaScript needed) posting a full EPIC to /api/verify/enrolled, which
 * answers with a redirect to /verify/enrolled; the EPIC never goes into a URL.
 */
function EnrolledForm({ t }: { t: T }) {
  return (
    <Section headingId="enrolled-title" title={t("members.verify.enrolled.title")} boxed className="mt-6 space-y-3">
      <p className="text-sm text-muted">{t("members.verify.enrolled.intro")}</p>
      <form method="post" action="/api/verify/enrolled" className="space-y-3" data-testid="enrolled-form">
        <Field
          id="enrolled-epic"
          name="epic"
          label={t("members.verify.enrolled.epic")}
          required
          minLength={6}
          maxLength={24}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          placeholder="ABC1234567"
        />
        <button type="submit" className={buttonClass("secondary", "md", "w-full")}>
          {t("members.verify.enrolled.submit")}
        </button>
      </form>
    </Section>
  );
}

/**
 * "I did not join": a plain form (no JavaScript needed) posting to /api/verify/disown, which always answers
 * with the same redirect to /verify/disowned (or /verify/too-many). `membershipNo` and `epicSuffix` prefill it.
 */
function DisownForm({ t, membershipNo, epicSuffix }: { t: T; membershipNo?: string; epicSuffix?: string }) {
  return (
    <Section headingId="disown-title" title={t("members.verify.disown.title")} boxed className="mt-6 space-y-3">
      <p className="text-sm text-muted">{t("members.verify.disown.intro")}</p>
      <form method="post" action="/api/verify/disown" className="space-y-3" data-testid="disown-form">
        <Field
          id="disown-no"
          name="membershipNo"
          label={t("members.verify.disown.no")}
          required
          maxLength={24}
          pattern="\s*[A-Za-z]{2}[0-9]{2}-[0-9]{7,}\s*"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          placeholder="CG26-0001234"
          defaultValue={membershipNo}
        />
        <Field
          id="disown-suffix"
          name="epicSuffix"
          label={t("members.verify.disown.suffix")}
          hint={t("members.verify.disown.suffixHint")}
          required
          minLength={4}
          maxLength={4}
          pattern="[A-Za-z0-9\/\-]{4}"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          inputClassName="max-w-32 tabular-nums"
          defaultValue={epicSuffix}
        />
        <button type="submit" className={buttonClass("dangerOutline", "md", "w-full")}>
          {t("members.verify.disown.submit")}
        </button>
      </form>
    </Section>
  );
}

/** What the QR code on a card opens: valid (with the signed link, the masked name and seat), not valid (voided), not found, or too many visits; then the two forms. */
export async function VerifyView({ result, shown }: VerifyPageData) {
  const prefill = "membershipNo" in result ? result.membershipNo : undefined;
  return (
    <VerifyFrame>
      {(t, locale) => (
        <>
          {"limited" in result ? (
            <p role="alert" className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-warn" data-testid="verify-too-many">
              {t("members.verify.tooMany")}
            </p>
          ) : result.found && "notValid" in result ? (
            <section className="rounded-lg border border-red-200 bg-white p-5 shadow-sm" data-testid="verify-not-valid">
              <p className="text-lg font-semibold text-bad">✕ {t("members.verify.notValid")}</p>
              <p className="mt-1 break-words tabular-nums">{t("members.verify.notValidBody", { no: result.membershipNo })}</p>
            </section>
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
          {/* A voided membership is already out of every count: nothing left to report against it. */}
          {"notValid" in result ? null : <DisownForm t={t} membershipNo={prefill} />}
          <EnrolledForm t={t} />
        </>
      )}
    </VerifyFrame>
  );
}

/** /verify: no number yet; "Was I enrolled?" first, then "I did not join". */
export async function VerifyStartView() {
  return (
    <VerifyFrame>
      {(t) => (
        <>
          <EnrolledForm t={t} />
          <DisownForm t={t} />
        </>
      )}
    </VerifyFrame>
  );
}

const backLink = (t: T) => (
  <p className="mt-6 text-sm">
    <Link href="/verify" className={linkCls}>
      {t("members.verify.back")}
    </Link>
  </p>
);

/** /verify/disowned: the one answer to every accepted disown form, match or not. */
export async function DisownedView() {
  return (
    <VerifyFrame>
      {(t) => (
        <>
          <section role="status" className="rounded-lg border border-stone-300 bg-white p-5 shadow-sm" data-testid="disown-thanks">
            <p className="text-lg font-semibold">{t("members.verify.disown.thanksTitle")}</p>
            <p className="mt-1">{t("members.verify.disown.thanks")}</p>
          </section>
          {backLink(t)}
        </>
      )}
    </VerifyFrame>
  );
}

/** /verify/too-many: where either form sends an address that used up its attempts (never to the thank-you page). */
export async function TooManyAttemptsView() {
  return (
    <VerifyFrame>
      {(t) => (
        <>
          <p role="alert" className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-warn" data-testid="verify-too-many-attempts">
            {t("members.verify.tooManyAttempts")}
          </p>
          {backLink(t)}
        </>
      )}
    </VerifyFrame>
  );
}

/** /verify/enrolled: the answer to "Was I enrolled?" (day and seat, never the name), with the disown form filled in. */
export async function EnrolledView({ result }: { result: Enrolment | null }) {
  return (
    <VerifyFrame>
      {(t, locale) =>
        !result ? (
          <>
            <p className="rounded-lg border border-stone-300 bg-white p-4" data-testid="enrolled-expired">
              {t("members.verify.enrolled.expired")}
            </p>
            <EnrolledForm t={t} />
          </>
        ) : result.found ? (
          <>
            <section className="rounded-lg border border-amber-200 bg-white p-5 shadow-sm" data-testid="enrolled-found">
              <p className="text-lg font-semibold">{t("members.verify.enrolled.found")}</p>
              <dl className="mt-4 grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
                <dt className="text-muted">{t("members.verify.enrolled.date")}</dt>
                <dd data-testid="enrolled-date">{formatDay(result.enrolledOn, locale)}</dd>
                <dt className="text-muted">{t("members.verify.ac")}</dt>
                <dd data-testid="enrolled-ac">
                  {result.acNo} · {unitName({ name: result.acName, nameHi: result.acNameHi }, locale)}
                </dd>
                <dt className="text-muted">{t("members.verify.enrolled.no")}</dt>
                <dd className="tabular-nums" data-testid="enrolled-no">
                  {result.membershipNo}
                </dd>
              </dl>
              <p className="mt-4 text-sm">{t("members.verify.enrolled.notYou")}</p>
            </section>
            <DisownForm t={t} membershipNo={result.membershipNo} epicSuffix={result.epicSuffix} />
            {backLink(t)}
          </>
        ) : (
          <>
            <section className="rounded-lg border border-stone-300 bg-white p-5 shadow-sm" data-testid="enrolled-none">
              <p className="text-lg font-semibold">{t("members.verify.enrolled.none")}</p>
            </section>
            <EnrolledForm t={t} />
          </>
        )
      }
    </VerifyFrame>
  );
}
