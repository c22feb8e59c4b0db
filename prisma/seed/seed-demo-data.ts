import { readFileSync } from "node:fs";
import path from "node:path";
import type { TActor } from "@/lib/auth/permissions";
import type { TDb } from "@/lib/db";
import { createRelease } from "@/lib/data/releases/create-release";
import { importTemplate } from "@/lib/data/templates/import-template";
import { addEvidence } from "@/lib/data/releases/add-evidence";
import { updateItemDetails } from "@/lib/data/releases/update-item-details";
import { updateItemStatus } from "@/lib/data/releases/update-item-status";
import type { TItemStatus } from "@/lib/domain/checklist/types";

import { DEMO_USERS } from "@/prisma/seed/demo-users";

export const DEMO_ADMIN_EMAIL = DEMO_USERS[0]!.email;
export const DEMO_TEMPLATE_PATH = path.join(process.cwd(), "prisma", "seed", "demo-template.md");

// The demo release (items by their text) is part-way through review: some work done (with evidence), one
// blocker, one item not applicable, the rest open.
const DEMO_PROGRESS: Record<string, { status: TItemStatus; naReason?: string; evidence?: string; owner?: string }> = {
  "The main branch builds from a clean checkout with one command": { status: "DONE", owner: "platform-team" },
  "Unit and integration tests pass in CI on the release commit": {
    status: "DONE",
    evidence: "https://ci.example.com/checkout/builds/4217",
    owner: "checkout-team",
  },
  "Schema migrations run as a release step, never on application start": { status: "DONE", owner: "checkout-team" },
  "Liveness and readiness endpoints are wired to the orchestrator": { status: "DONE", owner: "platform-team" },
  "Dashboards show traffic, errors, latency and saturation": { status: "IN_PROGRESS", owner: "sre-team" },
  "The on-call rotation for this service is staffed": { status: "BLOCKED", owner: "checkout-team" },
  "Feature flags guard the risky changes in this release": {
    status: "NOT_APPLICABLE",
    naReason: "This release has no behaviour changes behind flags: it is a dependency upgrade.",
  },
};

/** Demo data for the embedded database: a user per role, our template and one release in progress. Runs once. */
export async function seedDemoData(db: TDb): Promise<void> {
  for (const user of DEMO_USERS) {
    await db.user.upsert({ where: { email: user.email }, create: user, update: {} });
  }
  const admin = await db.user.findUniqueOrThrow({ where: { email: DEMO_ADMIN_EMAIL } });
  if ((await db.checklistTemplate.count()) > 0) return;

  const actor: TActor = { id: admin.id, label: admin.email, role: "ADMIN", requestId: "seed" };
  const template = await importTemplate(actor, { source: readFileSync(DEMO_TEMPLATE_PATH, "utf8") }, db);
  if (!template.ok) throw new Error(`demo template: ${template.error}`);
  const release = await createRelease(
    actor,
    { templateVersionId: template.data.versionId, name: "Checkout 2.4.0", service: "checkout", version: "2.4.0", environment: "production" },
    db,
  );
  if (!release.ok) throw new Error(`demo release: ${release.error}`);

  // Through the data layer, as people would: every change audited the ordinary way, so
  // history, replay and the charts need no special case for demo data.
  const must = <T,>(result: { ok: true; data: T } | { ok: false; error: string }, what: string): T => {
    if (!result.ok) throw new Error(`demo ${what}: ${result.error}`);
    return result.data;
  };
  for (const [text, progress] of Object.entries(DEMO_PROGRESS)) {
    const { id, version: loaded } = await db.releaseItem.findFirstOrThrow({ where: { releaseId: release.data.releaseId, text } });
    let version = loaded;
    if (progress.owner) version = must(await updateItemDetails(actor, { itemId: id, expectedVersion: version, owner: progress.owner, dueDate: "" }, db), "owner").version;
    if (progress.evidence) must(await addEvidence(actor, { kind: "LINK", itemId: id, url: progress.evidence }, db), "evidence");
    must(await updateItemStatus(actor, { itemId: id, expectedVersion: version, status: progress.status, naReason: progress.naReason }, db), "status");
  }
}
