import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getAuthOptions } from "@/lib/auth/auth-options";
import type { TActor } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { requestContext } from "@/lib/auth/request-context";

export type TCurrentUser = TActor & { id: string; email: string; name: string | null };

/**
 * The signed-in user, read from the database once per request: a role change or a
 * disabled account takes effect on the very next request. Null when nobody (or a
 * disabled or deleted user) is signed in, or when the session was ended (signed out,
 * disabled, role changed: the user's session generation moved on since it was issued).
 */
export const getCurrentActor = cache(async (): Promise<TCurrentUser | null> => {
  const session = await getServerSession(getAuthOptions());
  const { id: userId, gen } = (session?.user as { id?: string; gen?: unknown } | undefined) ?? {};
  if (!userId) return null;
  const user = await getDb().user.findUnique({ where: { id: userId } });
  if (!user || user.disabledAt) return null;
  // Sessions issued before generations existed carry none: generation 0.
  if ((typeof gen === "number" ? gen : 0) !== user.sessionGeneration) return null;
  return { id: user.id, label: user.email, role: user.role, email: user.email, name: user.name, ...(await requestContext()) };
});

/** For pages: the signed-in user, or a redirect to the sign-in page. */
export async function requireCurrentActor(): Promise<TCurrentUser> {
  const actor = await getCurrentActor();
  if (!actor) redirect("/sign-in");
  return actor;
}
