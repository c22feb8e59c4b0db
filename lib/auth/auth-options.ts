import "server-only";
import type { NextAuthOptions } from "next-auth";
import type { Provider } from "next-auth/providers/index";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { getDb } from "@/lib/db";
import { admitUser } from "@/lib/data/users/admit-user";
import { endSessions } from "@/lib/data/users/end-sessions";
import { recordAuditNow } from "@/lib/audit/record-audit-now";
import { requestContext } from "@/lib/auth/request-context";
import { safeCallbackPath } from "@/lib/security/safe-callback";
import { getEnv, isDemoSignInEnabled } from "@/lib/env";
import { DEMO_USERS } from "@/prisma/seed/demo-users";

export const DEMO_PROVIDER_ID = "demo";
export const OIDC_PROVIDER_ID = "oidc";
const SESSION_HOURS = 8;

type TOidcProfile = { sub: string; email?: string; email_verified?: boolean; name?: string; preferred_username?: string; picture?: string };

function buildProviders(): Provider[] {
  const env = getEnv();
  const providers: Provider[] = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) {
    providers.push(GitHubProvider({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET }));
  }
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) {
    providers.push(GoogleProvider({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET }));
  }
  if (env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_ID && env.AUTH_OIDC_SECRET) {
    providers.push({
      id: OIDC_PROVIDER_ID,
      name: env.AUTH_OIDC_NAME ?? "Single sign-on",
      type: "oauth",
      wellKnown: `${env.AUTH_OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: env.AUTH_OIDC_ID,
      clientSecret: env.AUTH_OIDC_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile: (profile: TOidcProfile) => ({
        id: profile.sub,
        email: profile.email ?? null,
        name: profile.name ?? profile.preferred_username ?? null,
        image: profile.picture ?? null,
        isEmailVerified: profile.email_verified,
      }),
    });
  }
  if (isDemoSignInEnabled(env)) {
    providers.push(
      CredentialsProvider({
        id: DEMO_PROVIDER_ID,
        name: "Demo",
        credentials: { email: { label: "Demo user", type: "text" } },
        // Only the seeded demo users, and only while they exist and are enabled.
        async authorize(credentials) {
          const email = credentials?.email?.toLowerCase();
          if (!email || !DEMO_USERS.some((user) => user.email === email)) return null;
          const user = await getDb().user.findUnique({ where: { email } });
          if (!user || user.disabledAt) return null;
          return { id: user.id, email: user.email, name: user.name };
        },
      }),
    );
  }
  return providers;
}

let cached: NextAuthOptions | undefined;

/** next-auth's configuration: JWT sessions that carry only the user's id. */
export function getAuthOptions(): NextAuthOptions {
  if (cached) return cached;
  const env = getEnv();
  cached = {
    secret: env.NEXTAUTH_SECRET,
    providers: buildProviders(),
    session: { strategy: "jwt", maxAge: SESSION_HOURS * 3600 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    useSecureCookies: env.NEXTAUTH_URL?.startsWith("https:") ?? false,
    events: {
      async signIn({ user }) {
        const row = user.email ? await getDb().user.findUnique({ where: { email: user.email.toLowerCase() } }) : null;
        if (row) await recordAuditNow({ id: row.id, label: row.email, role: row.role, ...(await requestContext()) }, { action: "auth.sign-in", entityType: "User", entityId: row.id });
      },
      // Signing out ends every session of the user: the cookie of this one, and any copy of
      // it or other device's, stops working on its next request (lib/auth/current-actor.ts).
      async signOut({ token }) {
        const row = token?.sub ? await getDb().user.findUnique({ where: { id: token.sub } }) : null;
        if (!row) return;
        await endSessions(getDb(), row.id);
        await recordAuditNow({ id: row.id, label: row.email, role: row.role, ...(await requestContext()) }, { action: "auth.sign-out", entityType: "User", entityId: row.id });
      },
    },
    callbacks: {
      // Only a path of this app, however next-auth got its callbackUrl (lib/security/safe-callback.ts).
      redirect: ({ url, baseUrl }) => `${baseUrl}${safeCallbackPath(url, baseUrl)}`,
      async signIn({ user, account }) {
        if (account?.provider === DEMO_PROVIDER_ID) return true;
        const admission = await admitUser({
          email: user.email,
          name: user.name,
          image: user.image,
          isEmailVerified: (user as { isEmailVerified?: boolean }).isEmailVerified,
        });
        return admission.ok;
      },
      // The token carries the user's id and session generation, nothing else.
      async jwt({ token, user, account }) {
        if (!user) return { sub: token.sub, gen: token.gen };
        const where = account?.provider === DEMO_PROVIDER_ID ? { id: user.id } : { email: user.email!.toLowerCase() };
        const row = await getDb().user.findUnique({ where, select: { id: true, sessionGeneration: true } });
        return { sub: row?.id, gen: row?.sessionGeneration ?? 0 };
      },
      // Role, disabled state and the session generation are checked against the database per request.
      async session({ session, token }) {
        return { expires: session.expires, user: { id: token.sub, gen: token.gen } } as typeof session;
      },
    },
  };
  return cached;
}

/** The sign-in choices to show: id and name of each configured provider. */
export function listSignInProviders(): { id: string; name: string }[] {
  // Built-in providers keep the caller's overrides in `options` until next-auth merges them.
  return getAuthOptions().providers.map((provider) => {
    const merged = { ...provider, ...((provider as { options?: { id?: string; name?: string } }).options ?? {}) };
    return { id: merged.id, name: merged.name };
  });
}
