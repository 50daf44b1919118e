import type { ReactNode } from "react";

/**
 * A part of a page under its own `<h2>`, which names it (`aria-labelledby`). `boxed` draws it as a white box;
 * `className` spaces its lines (`space-y-3`, say). `titleSize="base"` for a page of several small boxes (a
 * member's page), whose headings stay at body size.
 */
export function Section({
  headingId,
  title,
  boxed = false,
  titleSize = "lg",
  id,
  className,
  children,
}: {
  headingId: string;
  title: ReactNode;
  boxed?: boolean;
  titleSize?: "lg" | "base";
  id?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section id={id} aria-labelledby={headingId} className={[boxed ? "rounded-lg border border-stone-200 bg-white p-4" : "", className].filter(Boolean).join(" ") || undefined}>
      <h2 id={headingId} className={titleSize === "lg" ? "text-lg font-semibold" : "font-semibold"}>
        {title}
      </h2>
      {children}
    </section>
  );
}
