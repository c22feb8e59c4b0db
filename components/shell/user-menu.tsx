import { SignOutButton } from "@/components/auth/sign-out-button";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";

type TUserMenuProps = { name: string | null; email: string; role: Role };

function initials(name: string | null, email: string): string {
  const source = name?.trim() || email;
  return source
    .split(/[\s@.]+/)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? "")
    .join("");
}

export function UserMenu({ name, email, role }: TUserMenuProps) {
  return (
    <details className="relative">
      <summary
        className="flex cursor-pointer list-none items-center gap-2 rounded-full border border-slate-200 bg-white py-1 pl-1 pr-3 text-sm text-slate-700 hover:bg-slate-50"
      >
        <span aria-hidden className="grid size-7 place-items-center rounded-full bg-brand-100 text-xs font-semibold text-brand-900">
          {initials(name, email)}
        </span>
        <span className="max-w-40 truncate">
          <span className="sr-only">Account: </span>
          {name ?? email}
        </span>
      </summary>
      <div className="absolute right-0 z-10 mt-2 w-64 rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-lg">
        <p className="truncate font-medium text-slate-900">{name ?? email}</p>
        <p className="truncate text-slate-600">{email}</p>
        <p className="mt-1 text-slate-600">Role: {ROLE_LABELS[role]}</p>
        <SignOutButton />
      </div>
    </details>
  );
}
