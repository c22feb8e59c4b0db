import Link from "next/link";
import { cookies } from "next/headers";
import { MainNav } from "@/components/shell/main-nav";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { UserMenu } from "@/components/shell/user-menu";
import type { Role } from "@/lib/generated/prisma/enums";
import { parseThemeChoice, THEME_COOKIE } from "@/lib/theme";

type TAppHeaderProps = { user: { name: string | null; email: string; role: Role }; canManageUsers: boolean };

export async function AppHeader({ user, canManageUsers }: TAppHeaderProps) {
  const theme = parseThemeChoice((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <header className="border-b border-slate-200 bg-white print:hidden">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/releases" className="flex items-center gap-2 text-lg font-semibold tracking-tight text-slate-900">
          <span aria-hidden className="grid size-7 place-items-center rounded-md bg-brand-600 text-sm text-white">
            P
          </span>
          Preflight
        </Link>
        <div className="order-3 w-full sm:order-none sm:w-auto sm:flex-1">
          <MainNav canManageUsers={canManageUsers} />
        </div>
        <div className="ml-auto flex items-center gap-3 sm:ml-0">
          <ThemeToggle initial={theme} />
          <UserMenu name={user.name} email={user.email} role={user.role} />
        </div>
      </div>
    </header>
  );
}
