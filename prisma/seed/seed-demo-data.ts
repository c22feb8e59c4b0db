import { readFileSync } from "node:fs";
import path from "node:path";
import type { TActor } from "@/lib/auth/permissions";
import type { TDb } from "@/lib/db";
import { importTemplate } from "@/lib/data/templates/import-template";
import { addTeamMember } from "@/lib/data/teams/add-team-member";
import { createTeam } from "@/lib/data/teams/create-team";
import { DEMO_USERS } from "@/prisma/seed/demo-users";
import { must } from "@/prisma/seed/demo-release";
import { tellDemoStory } from "@/prisma/seed/demo-story";
import { withMovedClock } from "@/prisma/seed/moved-clock";

export const DEMO_ADMIN_EMAIL = DEMO_USERS[0]!.email;
export const DEMO_TEMPLATE_PATH = path.join(process.cwd(), "prisma", "seed", "demo-template.md");

/** Teams and their members (by email); items are owned by teams as "team:<name>". */
const DEMO_TEAMS: Record<string, string[]> = {
  Checkout: ["demo-release-manager@preflight.local", "demo-member@preflight.local"],
  Payments: ["demo-admin@preflight.local", "demo-release-manager@preflight.local"],
  Platform: ["demo-admin@preflight.local"],
  Search: ["demo-member@preflight.local"],
  SRE: ["demo-member@preflight.local"],
};

/**
 * Demo data for the embedded database (and `npm run db:seed`): a user per role, five teams,
 * our template, and six weeks of three services' releases at every stage
 * (prisma/seed/demo-story.ts), written through the data layer with the clock moved to when
 * each thing happened. Runs once: a database that has a template already is left alone.
 */
export async function seedDemoData(db: TDb): Promise<void> {
  const upsertUsers = async () => {
    for (const user of DEMO_USERS) await db.user.upsert({ where: { email: user.email }, create: user, update: {} });
  };
  if ((await db.checklistTemplate.count()) > 0) return upsertUsers();
  await withMovedClock(async (clock) => {
    clock.day(-43, "08:00");
    await upsertUsers();
  });
  const actorOf = async (email: string): Promise<TActor> => {
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    return { id: user.id, label: user.email, role: user.role, requestId: "seed" };
  };
  const [ada, remi, mina] = await Promise.all(DEMO_USERS.slice(0, 3).map((u) => actorOf(u.email))) as [TActor, TActor, TActor];

  await withMovedClock(async (clock) => {
    clock.day(-43, "08:30");
    for (const [name, emails] of Object.entries(DEMO_TEAMS)) {
      const { teamId } = must(await createTeam(ada, { name }, db), "team");
      for (const email of emails) {
        const { id: userId } = await db.user.findUniqueOrThrow({ where: { email } });
        must(await addTeamMember(ada, { teamId, userId }, db), "team member");
      }
    }
    const template = await importTemplate(ada, { source: readFileSync(DEMO_TEMPLATE_PATH, "utf8") }, db);
    if (!template.ok) throw new Error(`demo template: ${template.error}`);
    await tellDemoStory(db, clock, template.data.versionId, { ada, remi, mina, vicEmail: DEMO_USERS[3]!.email });
  });
}
