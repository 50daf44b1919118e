import Link from "next/link";
import type { ReactNode } from "react";

const linkCls = "inline-flex min-h-11 items-center rounded-md border border-stone-300 bg-white px-3 text-sm font-semibold hover:bg-stone-100";
const offCls = "inline-flex min-h-11 items-center rounded-md border border-stone-200 px-3 text-sm text-stone-400";

function Step({ rel, label, href, onClick }: { rel: "prev" | "next"; label: string; href?: string; onClick?: () => void }) {
  const text =
    rel === "prev" ? (
      <>
        <span aria-hidden="true">←&nbsp;</span>
        {label}
      </>
    ) : (
      <>
        {label}
        <span aria-hidden="true">&nbsp;→</span>
      </>
    );
  if (href)
    return (
      <Link href={href} className={linkCls} rel={rel}>
        {text}
      </Link>
    );
  if (onClick)
    return (
      <button type="button" onClick={onClick} className={linkCls}>
        {text}
      </button>
    );
  return (
    <span className={offCls} aria-disabled="true">
      {text}
    </span>
  );
}

/**
 * Previous / next around a line that says where one is. By links (`hrefFor`, for pages whose URL holds the
 * page) or by buttons (`onPage`, for tables paged in the browser); a step that leads nowhere is shown disabled.
 * Pass `hasNext` when the number of pages is not known.
 */
export function Pager({
  label,
  status,
  page,
  pageCount,
  hasNext,
  hrefFor,
  onPage,
  prev,
  next,
  children,
}: {
  /** Names the navigation; also the status line when there is no `status`. */
  label: string;
  status?: ReactNode;
  page: number;
  pageCount?: number;
  hasNext?: boolean;
  hrefFor?: (page: number) => string;
  onPage?: (page: number) => void;
  prev: string;
  next: string;
  /** More controls beside the steps (a page-size select, say). */
  children?: ReactNode;
}) {
  const more = hasNext ?? (pageCount !== undefined && page < pageCount);
  const step = (p: number, enabled: boolean) => ({
    href: enabled && hrefFor ? hrefFor(p) : undefined,
    onClick: enabled && onPage ? () => onPage(p) : undefined,
  });
  return (
    <nav aria-label={label} className="flex flex-wrap items-center gap-2 text-sm">
      <Step rel="prev" label={prev} {...step(page - 1, page > 1)} />
      <span className="text-muted" aria-current="page" aria-live={onPage ? "polite" : undefined} data-testid="pager">
        {status ?? label}
      </span>
      <Step rel="next" label={next} {...step(page + 1, more)} />
      {children}
    </nav>
  );
}
