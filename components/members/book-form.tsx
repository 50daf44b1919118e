"use client";

import Link from "next/link";
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from "react";
import { CheckboxField, FieldFrame, inputCls, type ControlProps } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { useFormAction } from "@/components/ui/use-form-action";
import type { ActionResult } from "@/lib/errors";
import type { BookFormLabels } from "@/lib/i18n/labels/members";
import type { BoothSuggestion } from "@/lib/members/enrol/book";

interface Saved {
  membershipNo: string;
  name: string;
}

type Create = (prev: ActionResult<Saved> | null, form: FormData) => Promise<ActionResult<Saved>>;

/** Fields that stay from one entry to the next: they are the same for a whole page of the book. */
const KEPT = ["bookNo", "pageNo", "boothCode", "consentVersion", "consentLang"] as const;
/** The member's fields as the printed book form reads them: the name first, the signed consent last. */
const MEMBER = ["name", "relativeName", "gender", "age", "epic", "phone", "address", "religion", "caste", "casteCategory", "consent"] as const;
/** Where the cursor goes for the first wrong field: the page's own fields first, then the member's. */
const ORDER = ["bookNo", "pageNo", "boothCode", ...MEMBER, "consentVersion", "consentLang"];
/** The religions the book prints, each picked by its first letter; stored in English, as the seed and imports write them. */
const RELIGIONS = ["Hindu", "Muslim", "Christian", "Sikh", "Buddhist", "Jain", "Other"] as const;
/** This tab's book, page and booth, so that reopening the desk (or coming back from a member) starts at the name. */
const STORE = "sadasyata.book-desk";

/**
 * Typing in a paper membership book, keyboard only. The cursor starts at the member's name (at the book
 * number while the page's book, page and booth are not known); Tab goes through the fields in the order the
 * book prints them, a letter picks an option (F · Female, H · Hindu, O · OBC), Space ticks the consent, which
 * the member signed (never ticked for them), and Enter saves from any field. After a save the member's fields
 * empty, the book, page and booth stay, and the cursor goes back to the name; errors appear next to their
 * fields and the cursor goes to the first one.
 */

export function BookForm({ action, labels, locale }: { action: Create; labels: BookFormLabels; locale: "en" | "hi" }) {
  const [session, setSession] = useState<{ saved: Saved[]; count: number }>({ saved: [], count: 0 });
  const create = useCallback<Create>(
    async (prev, data) => {
      const result = await action(prev, data);
      const entry = result.ok ? result.data : undefined;
      if (entry) setSession((s) => ({ saved: [entry, ...s.saved.filter((x) => x.membershipNo !== entry.membershipNo)].slice(0, 10), count: s.count + 1 }));
      return result;
    },
    [action],
  );
  // The form is emptied here, not reset: the book, page and booth stay from one entry to the next.
  const { state, pending, errors, form, ref } = useFormAction(create, { reset: false });
  const { saved, count } = session;
  const [booth, setBooth] = useState("");
  const [suggested, setSuggested] = useState<{ q: string; booths: BoothSuggestion[] }>({ q: "", booths: [] });
  const lookup = useRef<{ timer?: ReturnType<typeof setTimeout>; ctl?: AbortController }>({});
  const listId = useId();

  const control = (name: string) => ref.current?.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null | undefined;

  // On opening: this tab's book, page and booth come back, and the cursor goes to the name, or to the first of
  // the page's fields still empty.
  useEffect(() => {
    let kept: Partial<Record<(typeof KEPT)[number], string>> = {};
    try {
      kept = JSON.parse(sessionStorage.getItem(STORE) ?? "{}") as typeof kept;
    } catch {
      kept = {};
    }
    for (const k of ["bookNo", "pageNo", "consentVersion", "consentLang"] as const) {
      const el = control(k);
      if (el && typeof kept[k] === "string" && kept[k]) el.value = kept[k];
    }
    if (kept.boothCode) onBoothChange(kept.boothCode);
    const missing = (["bookNo", "pageNo"] as const).find((k) => !control(k)?.value) ?? (kept.boothCode ? undefined : "boothCode");
    control(missing ?? "name")?.focus();
    // Once, on opening; onBoothChange and control read refs only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // After a save: empty the member's fields (the book, page and booth stay) and go back to the name.
  // After an error: go to the first field that needs correcting.
  useEffect(() => {
    const el = ref.current;
    if (!state || !el) return;
    if (state.ok) {
      for (const field of MEMBER) {
        const input = el.elements.namedItem(field);
        if (input instanceof HTMLInputElement) {
          if (input.type === "checkbox") input.checked = false;
          else input.value = "";
        } else if (input instanceof HTMLSelectElement) {
          input.value = "";
        }
      }
      (el.elements.namedItem("name") as HTMLInputElement | null)?.focus();
    } else if (state.fieldErrors) {
      const first = ORDER.find((f) => state.fieldErrors?.[f]);
      if (first) (el.elements.namedItem(first) as HTMLElement | null)?.focus();
    }
  }, [state, ref]);

  // The page's fields are remembered for this tab as they are typed.
  function onChange(e: FormEvent<HTMLFormElement>) {
    const name = (e.target as HTMLInputElement).name;
    if (!(KEPT as readonly string[]).includes(name)) return;
    try {
      const data = new FormData(e.currentTarget);
      sessionStorage.setItem(STORE, JSON.stringify(Object.fromEntries(KEPT.map((k) => [k, String(data.get(k) ?? "")]))));
    } catch {
      // Storage refused (private mode, full): the desk still works, it only forgets the page on reopening.
    }
  }

  // Enter saves from any field: text fields submit by themselves, but a select or the consent box would not.
  // An Enter that ends an input method's composition (Hindi keyboards) only commits the letters.
  function onKeyDown(e: KeyboardEvent<HTMLFormElement>) {
    if (e.key !== "Enter" || e.nativeEvent.isComposing || e.shiftKey || e.ctrlKey || e.altKey || e.metaKey) return;
    const target = e.target;
    if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) return;
    e.preventDefault();
    if (!pending) e.currentTarget.requestSubmit();
  }

  // Booth suggestions as the code or a name is typed (debounced; a newer keystroke cancels the older request).
  function onBoothChange(value: string) {
    setBooth(value);
    const q = value.trim();
    clearTimeout(lookup.current.timer);
    lookup.current.ctl?.abort();
    if (q.length < 2) return;
    const ctl = new AbortController();
    lookup.current.ctl = ctl;
    lookup.current.timer = setTimeout(() => {
      fetch(`/members/new/booths?${new URLSearchParams({ q }).toString()}`, { signal: ctl.signal })
        .then((r) => (r.ok ? (r.json() as Promise<{ booths: BoothSuggestion[] }>) : { booths: [] }))
        .then((body) => setSuggested({ q, booths: body.booths }))
        .catch(() => undefined);
    }, 150);
  }
  const options = booth.trim().length >= 2 ? suggested.booths : [];
  const lookedUp = booth.trim().length >= 2 && suggested.q === booth.trim();

  const nameOf = (u: { name: string; nameHi: string | null }) => (locale === "hi" && u.nameHi ? u.nameHi : u.name);
  const chosen = options.find((o) => o.code === booth.trim());
  const last = saved[0];

  const field = (
    name: string,
    label: string,
    input: (props: ControlProps & { name: string }) => ReactNode,
    opts: { hint?: string; className?: string } = {},
  ) => (
    <FieldFrame id={`book-${name}`} label={label} hint={opts.hint} error={errors[name]} reserve errorTestId={`error-${name}`} className={opts.className}>
      {(control) => input({ ...control, name })}
    </FieldFrame>
  );

  return (
    <div className="space-y-5">
      <div aria-live="polite" role="status">
        {last && state?.ok ? (
          <div className="rounded-lg border border-green-200 bg-green-50 p-4" data-testid="book-saved">
            <p className="font-semibold text-ok">{labels["members.book.saved"].replace("{no}", last.membershipNo)}</p>
            <p className="mt-1 text-sm">{last.name}</p>
            <div className="mt-2 flex flex-wrap gap-3 text-sm">
              <Link href={`/members/${last.membershipNo}`} className="font-semibold text-brand-700 underline">
                {labels["members.book.open"]}
              </Link>
              <a href={`/members/${last.membershipNo}/card`} className="font-semibold text-brand-700 underline" data-testid="book-card-link">
                {labels["members.book.cardPdf"]}
              </a>
              <a href={`/members/${last.membershipNo}/card.png`} className="font-semibold text-brand-700 underline">
                {labels["members.book.cardPng"]}
              </a>
            </div>
          </div>
        ) : null}
      </div>
      <FormMessage state={state} testId="book-error" />

      <form {...form} onKeyDown={onKeyDown} onChange={onChange} noValidate className="space-y-5" aria-busy={pending}>
        <fieldset className="grid grid-cols-1 gap-x-4 gap-y-1 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-[10rem_6rem_1fr]">
          <legend className="px-1 text-sm font-semibold text-muted">{labels["members.book.bookSection"]}</legend>
          {field("bookNo", labels["members.field.bookNo"], (p) => <input {...p} type="text" autoComplete="off" maxLength={20} required className={inputCls} />)}
          {field("pageNo", labels["members.field.pageNo"], (p) => (
            <input {...p} type="text" inputMode="numeric" autoComplete="off" maxLength={5} required className={inputCls} />
          ))}
          {field(
            "boothCode",
            labels["members.field.boothCode"],
            (p) => (
              <input
                {...p}
                type="text"
                list={listId}
                autoComplete="off"
                maxLength={60}
                required
                value={booth}
                onChange={(e) => onBoothChange(e.target.value)}
                className={inputCls}
              />
            ),
            { hint: labels["members.book.boothHint"] },
          )}
          <datalist id={listId}>
            {options.map((o) => (
              <option key={o.code} value={o.code} label={`${nameOf(o)} · ${o.acNo} ${nameOf({ name: o.acName, nameHi: o.acNameHi })}`} />
            ))}
          </datalist>
          <p className="text-sm sm:col-span-3" data-testid="booth-chosen">
            {chosen
              ? labels["members.book.boothChosen"]
                  .replace("{code}", chosen.code)
                  .replace("{name}", nameOf(chosen))
                  .replace("{ac}", `${chosen.acNo} ${nameOf({ name: chosen.acName, nameHi: chosen.acNameHi })}`)
              : lookedUp && options.length === 0
                ? labels["members.book.boothNone"]
                : null}
          </p>
        </fieldset>

        {/* The member, in the order the book prints it; the layout reads in the same order as Tab goes. */}
        <fieldset className="grid grid-cols-1 gap-x-4 gap-y-1 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-12">
          <legend className="px-1 text-sm font-semibold text-muted">{labels["members.book.memberSection"]}</legend>
          {field(
            "name",
            labels["members.field.name"],
            (p) => <input {...p} type="text" lang="hi" autoComplete="off" maxLength={100} required className={inputCls} />,
            { hint: labels["members.field.nameHint"], className: "sm:col-span-6" },
          )}
          {field(
            "relativeName",
            labels["members.field.relativeName"],
            (p) => <input {...p} type="text" lang="hi" autoComplete="off" maxLength={100} className={inputCls} />,
            { className: "sm:col-span-6" },
          )}
          {field(
            "gender",
            labels["members.field.gender"],
            (p) => (
              <select {...p} required defaultValue="" className={inputCls}>
                <option value="">{labels["members.book.choose"]}</option>
                {(["F", "M", "O"] as const).map((g) => (
                  <option key={g} value={g}>
                    {g} · {labels[`members.gender.${g}`]}
                  </option>
                ))}
              </select>
            ),
            { className: "sm:col-span-3" },
          )}
          {field(
            "age",
            labels["members.field.age"],
            (p) => <input {...p} type="text" inputMode="numeric" autoComplete="off" maxLength={3} required className={inputCls} />,
            { className: "sm:col-span-2" },
          )}
          {field(
            "epic",
            labels["members.field.epic"],
            (p) => (
              <input {...p} type="text" autoComplete="off" autoCapitalize="characters" spellCheck={false} maxLength={40} required className={`${inputCls} uppercase`} />
            ),
            { className: "sm:col-span-4" },
          )}
          {field(
            "phone",
            labels["members.field.phone"],
            (p) => <input {...p} type="tel" inputMode="tel" autoComplete="off" maxLength={20} required className={inputCls} />,
            { className: "sm:col-span-3" },
          )}
          {field(
            "address",
            labels["members.field.address"],
            (p) => <input {...p} type="text" lang="hi" autoComplete="off" maxLength={300} required className={inputCls} />,
            { className: "sm:col-span-12" },
          )}
          {field(
            "religion",
            labels["members.field.religion"],
            (p) => (
              <select {...p} required defaultValue="" className={inputCls}>
                <option value="">{labels["members.book.choose"]}</option>
                {RELIGIONS.map((r) => (
                  <option key={r} value={r}>
                    {r[0]} · {labels[`members.religion.${r}`]}
                  </option>
                ))}
              </select>
            ),
            { className: "sm:col-span-4" },
          )}
          {field(
            "caste",
            labels["members.field.caste"],
            (p) => <input {...p} type="text" lang="hi" autoComplete="off" maxLength={80} required className={inputCls} />,
            { className: "sm:col-span-5" },
          )}
          {field(
            "casteCategory",
            labels["members.field.casteCategory"],
            (p) => (
              <select {...p} required defaultValue="" className={inputCls}>
                <option value="">{labels["members.book.choose"]}</option>
                {(["OBC", "ST", "SC", "GEN"] as const).map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            ),
            { className: "sm:col-span-3" },
          )}
          <CheckboxField
            id="book-consent"
            name="consent"
            label={labels["members.field.consent"]}
            required
            error={errors.consent}
            reserve
            errorTestId="error-consent"
            frameClassName="mt-2 sm:col-span-12"
            className="size-6 shrink-0 accent-brand-600"
          />
        </fieldset>

        <div className="flex flex-wrap items-center gap-4">
          <SubmitButton pending={pending} pendingLabel={labels["members.book.submitting"]}>
            {labels["members.book.submit"]}
          </SubmitButton>
          {count > 0 ? (
            <p className="text-sm text-muted" data-testid="book-saved-count">
              {labels["members.book.savedCount"].replace("{n}", String(count))}
            </p>
          ) : null}
        </div>

        {/* The same for every entry of the book, so out of the way of Tab: after the Save button. */}
        <fieldset className="grid grid-cols-1 gap-x-4 gap-y-1 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-[12rem_12rem]">
          <legend className="px-1 text-sm font-semibold text-muted">{labels["members.book.consentForm"]}</legend>
          {field("consentVersion", labels["members.field.consentVersion"], (p) => (
            <input {...p} type="text" autoComplete="off" maxLength={20} defaultValue="v1" required className={inputCls} />
          ))}
          {field("consentLang", labels["members.field.consentLang"], (p) => (
            <select {...p} defaultValue="hi" className={inputCls}>
              <option value="hi">{labels["members.lang.hi"]}</option>
              <option value="en">{labels["members.lang.en"]}</option>
            </select>
          ))}
        </fieldset>
      </form>

      {saved.length > 1 ? (
        <ul className="space-y-1 text-sm">
          {saved.slice(1).map((s) => (
            <li key={s.membershipNo}>
              <Link href={`/members/${s.membershipNo}`} className="font-semibold text-brand-700 underline tabular-nums">
                {s.membershipNo}
              </Link>{" "}
              {s.name}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
