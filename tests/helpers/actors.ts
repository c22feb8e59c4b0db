import type { TActor } from "@/lib/auth/permissions";
import type { TDb } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";

/** A real user row with the given role, as the acting user. */
export async function createActor(db: TDb, role: Role, email = `${role.toLowerCase()}-${crypto.randomUUID()}@example.com`): Promise<TActor> {
  const user = await db.user.create({ data: { email, role } });
  return { id: user.id, label: user.email, role, requestId: `test-${crypto.randomUUID()}` };
}
