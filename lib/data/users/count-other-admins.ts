import type { TTx } from "@/lib/audit/record-audit";

/** Enabled admins other than this user: an admin change must leave at least one. */
export function countOtherActiveAdmins(tx: TTx, userId: string): Promise<number> {
  return tx.user.count({ where: { role: "ADMIN", disabledAt: null, id: { not: userId } } });
}
