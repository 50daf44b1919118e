import Link from "next/link";
import type { ReactNode } from "react";

/** One headline number with its label and a line of context; links to the page that explains it. */
export function StatCard({
  label,
  value,
  detail,
  href,
  testId,
}: {
  label: string;
  value: string;
  detail?: ReactNode;
  href?: string;
  testId?: string;
}) {
  const body = (
    <>
      <p className="text-sm text-muted">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums sm:text-3xl" data-testid={testId}>
        {value}
      </p>
      {detail ? <p className="mt-1 text-sm text-muted">{detail}</p> : null}
    </>
  );
  const cls = "block rounded-lg border border-stone-200 bg-white p-4 shadow-sm";
  return href ? (
    <Link href={href} className={`${cls} hover:border-brand-500`}>
      {body}
    </Link>
  ) : (
    <div className={cls}>{body}</div>
  );
}
