"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";

type TProvider = { id: string; name: string };
type TDemoUser = { email: string; name: string; roleLabel: string };

export function SignInOptions({
  providers,
  demoUsers,
  callbackUrl,
}: {
  providers: TProvider[];
  demoUsers: TDemoUser[];
  callbackUrl: string;
}) {
  const [pending, setPending] = useState<string | null>(null);
  const start = (key: string, action: () => Promise<unknown>) => {
    setPending(key);
    action().catch(() => setPending(null));
  };

  return (
    <div className="space-y-6">
      {providers.length > 0 ? (
        <div className="space-y-2">
          {providers.map((provider) => (
            <button
              key={provider.id}
              type="button"
              disabled={pending !== null}
              onClick={() => start(provider.id, () => signIn(provider.id, { callbackUrl }))}
              className="w-full rounded-md border border-slate-300 bg-white px-4 py-2.5 text-sm font-medium text-slate-900 hover:bg-slate-50 disabled:opacity-60"
            >
              {pending === provider.id ? "Redirecting…" : `Sign in with ${provider.name}`}
            </button>
          ))}
        </div>
      ) : null}

      {demoUsers.length > 0 ? (
        <section aria-labelledby="demo-heading" className="rounded-lg border border-amber-300 bg-amber-50 p-4">
          <h2 id="demo-heading" className="text-sm font-semibold text-amber-900">
            Demo sign-in
          </h2>
          <p className="mt-1 text-sm text-amber-900">
            No identity provider is configured, so this demo lets you act as one seeded user per role. It is never
            available in production.
          </p>
          <ul className="mt-3 space-y-2">
            {demoUsers.map((user) => (
              <li key={user.email}>
                <button
                  type="button"
                  disabled={pending !== null}
                  onClick={() => start(user.email, () => signIn("demo", { email: user.email, callbackUrl }))}
                  className="flex w-full items-center justify-between rounded-md border border-amber-300 bg-white px-3 py-2 text-left text-sm hover:bg-amber-100 disabled:opacity-60"
                >
                  <span className="font-medium text-slate-900">{pending === user.email ? "Signing in…" : user.name}</span>
                  <span className="text-slate-600">Sign in as {user.roleLabel}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
