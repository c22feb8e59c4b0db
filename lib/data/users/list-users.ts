import "server-only";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";

export type TUserListItem = { id: string; email: string; name: string | null; role: Role; isDisabled: boolean; createdAt: string };

export async function listUsers(actor: TActor, db: TDb = getDb()): Promise<TUserListItem[]> {
  assertCan(actor, "users:manage");
  const users = await db.user.findMany({ orderBy: [{ disabledAt: { sort: "asc", nulls: "first" } }, { email: "asc" }] });
  return users.map((u) => ({ id: u.id, email: u.email, name: u.name, role: u.role, isDisabled: !!u.disabledAt, createdAt: u.createdAt.toISOString() }));
}
