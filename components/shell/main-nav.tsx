"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { NAV_ITEMS } from "@/components/shell/nav-items";

export function MainNav({ canManageUsers }: { canManageUsers: boolean }) {
  const pathname = usePathname();
  const items = NAV_ITEMS.filter((item) => !item.isAdminOnly || canManageUsers);
  return (
    <nav aria-label="Main" className="-mx-2 flex gap-1 overflow-x-auto">
      {items.map((item) => {
        const isActive = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={isActive ? "page" : undefined}
            className={`whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium transition-colors ${
              isActive ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"
            }`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
