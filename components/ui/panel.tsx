import type { ReactNode } from "react";

/**
 * A white box on the page with its own heading, named by it (`aria-labelledby`). `titleSize="base"` for a page
 * of several small boxes (a member's page), whose headings stay at body size.
 */
export function Panel({
  headingId,
  title,
  titleSize = "lg",
  className,
  children,
}: {
  headingId: string;
  title: ReactNode;
  titleSize?: "lg" | "base";
  className?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={headingId} className={["rounded-lg border border-stone-200 bg-white p-4", className].filter(Boolean).join(" ")}>
      <h2 id={headingId} className={`mb-3 font-semibold ${titleSize === "lg" ? "text-lg" : ""}`}>
        {title}
      </h2>
      {children}
    </section>
  );
}
