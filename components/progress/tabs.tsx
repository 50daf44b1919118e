"use client";

import { useId, useState, type KeyboardEvent, type ReactNode } from "react";

/**
 * Tabs over panels that mount when first opened and stay mounted after (a table keeps its sort and page).
 * The server renders only the first: on the state overview the three panels were a third of the server's
 * time each, for two that most visits never open.
 */
export function Tabs({ labels, children, label }: { labels: string[]; children: ReactNode[]; label: string }) {
  const [active, setActiveIndex] = useState(0);
  const [opened, setOpened] = useState<ReadonlySet<number>>(() => new Set([0]));
  const setActive = (i: number) => {
    setActiveIndex(i);
    setOpened((o) => (o.has(i) ? o : new Set([...o, i])));
  };
  const id = useId();
  if (labels.length <= 1) return <>{children}</>;
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
            className={`-mb-px rounded-t-md border px-3 py-1.5 text-sm font-semibold ${
              i === active ? "border-stone-200 border-b-white bg-white text-brand-700" : "border-transparent text-muted hover:text-ink"
            }`}
          >
            {l}
          </button>
        ))}
      </div>
      {children.map((panel, i) => (
        <div key={labels[i]} id={`${id}-panel-${i}`} role="tabpanel" aria-labelledby={`${id}-tab-${i}`} hidden={i !== active}>
          {opened.has(i) ? panel : null}
        </div>
      ))}
    </div>
  );
}
