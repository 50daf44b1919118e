import Link from "next/link";
import type { ReactNode } from "react";
import { linkCls } from "@/components/ui/button";

/**
 * The top of a page: an optional link back, the one `<h1>`, and what the caller puts below it (an intro, a
 * link onwards). `className` spaces the lines (`space-y-2`, say).
 */
export function PageHeader({
  title,
  back,
  titleTestId,
  className,
  children,
}: {
  title: ReactNode;
  back?: { href: string; label: ReactNode };
  titleTestId?: string;
  className?: string;
  children?: ReactNode;
}) {
  return (
    <div className={className}>
      {back ? (
        <Link href={back.href} className={`text-sm ${linkCls}`}>
          {back.label}
        </Link>
      ) : null}
      <h1 className={`${back ? "mt-2 " : ""}text-2xl font-semibold`} data-testid={titleTestId}>
        {title}
      </h1>
      {children}
    </div>
  );
}
