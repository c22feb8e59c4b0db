import type { Metadata } from "next";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { parseThemeChoice, THEME_COOKIE } from "@/lib/theme";
import { SignInOptions } from "@/components/auth/sign-in-options";
import { DEMO_PROVIDER_ID, listSignInProviders } from "@/lib/auth/auth-options";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { getEnv } from "@/lib/env";
import { safeCallbackPath } from "@/lib/security/safe-callback";
import { DEMO_USERS } from "@/prisma/seed/demo-users";

export const metadata: Metadata = { title: "Sign in" };

// One message per kind of failure, the same for every account: no hint whether it exists.
const ERRORS: Record<string, string> = {
  AccessDenied: "You can’t sign in to Preflight with that account. If you think you should, ask a Preflight administrator.",
  CredentialsSignin: "That demo user is not available.",
  RateLimited: "Too many sign-in attempts from your network. Wait a minute and try again.",
};
const GENERIC_ERROR = "Sign-in didn’t work. Please try again.";

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  // Only a path of this app; without NEXTAUTH_URL (development) any full URL falls back.
  const callbackUrl = safeCallbackPath(params.callbackUrl, getEnv().NEXTAUTH_URL ?? "http://localhost", "/releases");
  if (await getCurrentActor()) redirect(callbackUrl);

  const providers = listSignInProviders();
  const oauth = providers.filter((p) => p.id !== DEMO_PROVIDER_ID);
  const isDemo = providers.some((p) => p.id === DEMO_PROVIDER_ID);
  const error = typeof params.error === "string" ? (ERRORS[params.error] ?? GENERIC_ERROR) : null;
  const theme = parseThemeChoice((await cookies()).get(THEME_COOKIE)?.value);

  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-6 py-12">
      <div className="mb-8 flex items-center justify-between gap-2">
        <div className="flex items-center gap-2 text-xl font-semibold">
          <span aria-hidden className="grid size-8 place-items-center rounded-md bg-brand-600 text-white">
            P
          </span>
          Preflight
        </div>
        <ThemeToggle initial={theme} />
      </div>
      <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600">Production-readiness checklists, verdicts and sign-off.</p>
      {error ? (
        <p role="alert" className="mb-6 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <SignInOptions
        providers={oauth}
        demoUsers={isDemo ? DEMO_USERS.map((u) => ({ email: u.email, name: u.name, roleLabel: ROLE_LABELS[u.role].toLowerCase() })) : []}
        callbackUrl={callbackUrl}
      />
      {providers.length === 0 ? (
        <p role="alert" className="text-sm text-slate-700">
          No sign-in method is configured. Set the AUTH_* variables described in the README.
        </p>
      ) : null}
    </main>
  );
}
