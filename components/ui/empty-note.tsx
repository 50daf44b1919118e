import type { ReactNode } from "react";

/** What a list or table says when it has nothing to show, in a dashed box where the rows would be. */
export function EmptyNote({ children, testId, small = false }: { children: ReactNode; testId?: string; small?: boolean }) {
  return (
    <p className={`rounded-md border border-dashed border-stone-300 bg-white text-muted ${small ? "p-3 text-sm" : "p-4"}`} data-testid={testId}>
      {children}
    </p>
  );
}
