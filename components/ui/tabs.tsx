"use client";

import Link from "next/link";
import { useId, useState, type KeyboardEvent, type ReactNode } from "react";

/** One look for both kinds of tab: the current one underlined in the brand colour. */
function tabCls(current: boolean): string {
  return `inline-block min-h-11 border-b-2 px-3 py-2.5 text-sm font-semibold ${
    current ? "border-brand-600 text-brand-900" : "border-transparent text-muted hover:text-ink"
  }`;
}

interface TabLink {
  href: string;
  label: string;
  current: boolean;
}

/**
 * Tabs are either links (`items`: each tab is its own URL, so the page works without JavaScript and a tab can be
 * shared) or panels (`labels` and one child per label) switched in place. Panels mount when first opened and
 * stay mounted after (a table keeps its sort and page): the server renders only the first, because on the state
 * overview each panel was a third of the server's time, for two that most visits never open.
 */
export function Tabs(
  props:
    | {
        label: string;
        items: TabLink[];
        /** false: opening a tab keeps the page where it is (tabs partway down a page), as Next's Link `scroll`. */
        scroll?: boolean;
      }
    | { label: string; labels: string[]; children: ReactNode[] },
) {
  return "items" in props ? (
    <LinkTabs label={props.label} items={props.items} scroll={props.scroll} />
  ) : (
    <PanelTabs label={props.label} labels={props.labels} panels={props.children} />
  );
}

function LinkTabs({ label, items, scroll }: { label: string; items: TabLink[]; scroll?: boolean }) {
  return (
    // The tabs wrap to a second line on a phone rather than scroll sideways out of sight.
    <nav aria-label={label}>
      <ul className="flex flex-wrap gap-x-1 border-b border-stone-200">
        {items.map((item) => (
          <li key={item.href}>
            <Link href={item.href} scroll={scroll} aria-current={item.current ? "page" : undefined} className={tabCls(item.current)}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function PanelTabs({ label, labels, panels }: { label: string; labels: string[]; panels: ReactNode[] }) {
  const [active, setActiveIndex] = useState(0);
  const [opened, setOpened] = useState<ReadonlySet<number>>(() => new Set([0]));
  const setActive = (i: number) => {
    setActiveIndex(i);
    setOpened((o) => (o.has(i) ? o : new Set([...o, i])));
  };
  const id = useId();
  if (labels.length <= 1) return <>{panels}</>;
  const onKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    e.preventDefault();
    const next = (active + (e.key === "ArrowRight" ? 1 : labels.length - 1)) % labels.length;
    setActive(next);
    document.getElementById(`${id}-tab-${next}`)?.focus();
  };
  return (
    <div>
      <div role="tablist" aria-label={label} className="mb-3 flex flex-wrap gap-1 border-b border-stone-200">
        {labels.map((l, i) => (
          <button
            key={l}
            id={`${id}-tab-${i}`}
            type="button"
            role="tab"
            aria-selected={i === active}
            aria-controls={`${id}-panel-${i}`}
            tabIndex={i === active ? 0 : -1}
            onClick={() => setActive(i)}
            onKeyDown={onKey}
            className={tabCls(i === active)}
          >
            {l}
          </button>
        ))}
      </div>
      {panels.map((panel, i) => (
        <div key={labels[i]} id={`${id}-panel-${i}`} role="tabpanel" aria-labelledby={`${id}-tab-${i}`} hidden={i !== active}>
          {opened.has(i) ? panel : null}
        </div>
      ))}
    </div>
  );
}
