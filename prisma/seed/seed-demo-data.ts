import type { TDb } from "@/lib/db";

export const DEMO_ADMIN_EMAIL = "demo-admin@preflight.local";

/** Demo data for the embedded database. Safe to run on every start: it only fills gaps. */
export async function seedDemoData(db: TDb): Promise<void> {
  await db.user.upsert({
    where: { email: DEMO_ADMIN_EMAIL },
    create: { email: DEMO_ADMIN_EMAIL, name: "Demo Admin", role: "ADMIN" },
    update: {},
  });
}
