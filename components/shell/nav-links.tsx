"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export function NavLinks({ items }: { items: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <ul className="space-y-0.5">
      {items.map((item) => {
        // The most specific item wins: /members/import lights "Import members", not also "Members".
        const matches = (href: string) => (href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`));
        const active = matches(item.href) && !items.some((o) => o.href.length > item.href.length && o.href.startsWith(item.href) && matches(o.href));
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              // Prefetching every page of the menu on every view would run their queries for nothing.
              prefetch={false}
              aria-current={active ? "page" : undefined}
              className={`flex min-h-11 items-center rounded-md px-3 py-2 text-sm md:block md:min-h-0 ${
                active ? "bg-brand-100 font-semibold text-brand-900" : "text-ink hover:bg-stone-100"
              }`}
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
