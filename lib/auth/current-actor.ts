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
 * disabled or deleted user) is signed in.
 */
export const getCurrentActor = cache(async (): Promise<TCurrentUser | null> => {
  const session = await getServerSession(getAuthOptions());
  const userId = (session?.user as { id?: string } | undefined)?.id;
  if (!userId) return null;
  const user = await getDb().user.findUnique({ where: { id: userId } });
  if (!user || user.disabledAt) return null;
  return { id: user.id, label: user.email, role: user.role, email: user.email, name: user.name, ...(await requestContext()) };
});

/** For pages: the signed-in user, or a redirect to the sign-in page. */
export async function requireCurrentActor(): Promise<TCurrentUser> {
  const actor = await getCurrentActor();
  if (!actor) redirect("/sign-in");
  return actor;
}
