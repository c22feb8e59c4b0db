import { AppHeader } from "@/components/shell/app-header";
import { requireCurrentActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";

// Not a security boundary (pages and the data layer check again): it routes visitors
// without a session to the sign-in page and shows the user what their role allows.
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireCurrentActor();
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <AppHeader user={user} canManageUsers={can(user, "users:manage")} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
        {children}
      </main>
    </>
  );
}
