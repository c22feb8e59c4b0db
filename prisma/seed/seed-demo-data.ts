import { readFileSync } from "node:fs";
import path from "node:path";
import type { TActor } from "@/lib/auth/permissions";
import type { TDb } from "@/lib/db";
import { createRelease } from "@/lib/data/releases/create-release";
import { importTemplate } from "@/lib/data/templates/import-template";
import { addEvidence } from "@/lib/data/releases/add-evidence";
import { updateItemDetails } from "@/lib/data/releases/update-item-details";
import { updateItemStatus } from "@/lib/data/releases/update-item-status";
import { addReleaseItem } from "@/lib/data/releases/add-release-item";
import { grantWaiver } from "@/lib/data/releases/grant-waiver";
import { cancelRelease, shipRelease } from "@/lib/data/releases/release-lifecycle";
import { revokeWaiver } from "@/lib/data/releases/revoke-waiver";
import { signOffRelease } from "@/lib/data/sign-offs/sign-off-release";
import { addTeamMember } from "@/lib/data/teams/add-team-member";
import { createTeam } from "@/lib/data/teams/create-team";
import type { TItemStatus } from "@/lib/domain/checklist/types";
import { teamOwner } from "@/lib/domain/owners/owners";

import { DEMO_USERS } from "@/prisma/seed/demo-users";

export const DEMO_ADMIN_EMAIL = DEMO_USERS[0]!.email;
export const DEMO_TEMPLATE_PATH = path.join(process.cwd(), "prisma", "seed", "demo-template.md");

/** Teams and their members (by email); items are owned by teams as "team:<name>". */
const DEMO_TEAMS: Record<string, string[]> = {
  Checkout: ["demo-release-manager@preflight.local", "demo-member@preflight.local"],
  Platform: ["demo-admin@preflight.local"],
  SRE: ["demo-member@preflight.local"],
};

// The demo release (items by their text) is part-way through review: some work done (with evidence), one
// blocker, one item not applicable, the rest open.
const DEMO_PROGRESS: Record<string, { status: TItemStatus; naReason?: string; evidence?: string; owner?: string }> = {
  "The main branch builds from a clean checkout with one command": { status: "DONE", owner: teamOwner("Platform") },
  "Unit and integration tests pass in CI on the release commit": {
    status: "DONE",
    evidence: "https://ci.example.com/checkout/builds/4217",
  },
  "Schema migrations run as a release step, never on application start": { status: "DONE", owner: teamOwner("Checkout") },
  "Liveness and readiness endpoints are wired to the orchestrator": { status: "DONE", owner: teamOwner("Platform") },
  "Dashboards show traffic, errors, latency and saturation": { status: "IN_PROGRESS" },
  "The on-call rotation for this service is staffed": { status: "BLOCKED", owner: teamOwner("Checkout") },
  "Feature flags guard the risky changes in this release": {
    status: "NOT_APPLICABLE",
    naReason: "This release has no behaviour changes behind flags: it is a dependency upgrade.",
  },
};

/**
 * Demo data for the embedded database: a user per role in three teams, our template, one
 * release in progress, one shipped after a GO sign-off (with a release-only item and a
 * waiver that was revoked) and one cancelled. Runs once.
 */
export async function seedDemoData(db: TDb): Promise<void> {
  for (const user of DEMO_USERS) {
    await db.user.upsert({ where: { email: user.email }, create: user, update: {} });
  }
  const admin = await db.user.findUniqueOrThrow({ where: { email: DEMO_ADMIN_EMAIL } });
  if ((await db.checklistTemplate.count()) > 0) return;

  const actor: TActor = { id: admin.id, label: admin.email, role: "ADMIN", requestId: "seed" };
  for (const [name, emails] of Object.entries(DEMO_TEAMS)) {
    const { teamId } = must(await createTeam(actor, { name }, db), "team");
    for (const email of emails) {
      const { id: userId } = await db.user.findUniqueOrThrow({ where: { email } });
      must(await addTeamMember(actor, { teamId, userId }, db), "team member");
    }
  }
  const template = await importTemplate(actor, { source: readFileSync(DEMO_TEMPLATE_PATH, "utf8") }, db);
  if (!template.ok) throw new Error(`demo template: ${template.error}`);
  const release = await createRelease(
    actor,
    { templateVersionId: template.data.versionId, name: "Checkout 2.4.0", service: "checkout", version: "2.4.0", environment: "production" },
    db,
  );
  if (!release.ok) throw new Error(`demo release: ${release.error}`);

  for (const [text, progress] of Object.entries(DEMO_PROGRESS)) {
    const { id, version: loaded } = await db.releaseItem.findFirstOrThrow({ where: { releaseId: release.data.releaseId, text } });
    let version = loaded;
    if (progress.owner) version = must(await updateItemDetails(actor, { itemId: id, expectedVersion: version, owner: progress.owner, dueDate: "" }, db), "owner").version;
    if (progress.evidence) must(await addEvidence(actor, { kind: "LINK", itemId: id, url: progress.evidence }, db), "evidence");
    must(await updateItemStatus(actor, { itemId: id, expectedVersion: version, status: progress.status, naReason: progress.naReason }, db), "status");
  }
  await seedShippedRelease(db, actor, template.data.versionId);
  const cancelled = must(
    await createRelease(actor, { templateVersionId: template.data.versionId, name: "Search 0.9.0", service: "search", version: "0.9.0", environment: "production" }, db),
    "release",
  );
  must(await cancelRelease(actor, { releaseId: cancelled.releaseId, reason: "Superseded by Search 1.0.0, which ships the same index change with the ranking fix." }, db), "cancel");
}

// Through the data layer, as people would: every change audited the ordinary way, so
// history, replay and the charts need no special case for demo data.
function must<T>(result: { ok: true; data: T } | { ok: false; error: string }, what: string): T {
  if (!result.ok) throw new Error(`demo ${what}: ${result.error}`);
  return result.data;
}

/**
 * Payments 5.1.0: a waiver granted and then revoked when the fix landed, a check added for
 * this release only, evidence where the template asks for it, every item done, a GO
 * sign-off, shipped.
 */
async function seedShippedRelease(db: TDb, actor: TActor, templateVersionId: string): Promise<void> {
  const { releaseId } = must(
    await createRelease(actor, { templateVersionId, name: "Payments 5.1.0", service: "payments", version: "5.1.0", environment: "production" }, db),
    "release",
  );
  const item = (text: string) => db.releaseItem.findFirstOrThrow({ where: { releaseId, text } });
  const headers = await item("Security headers (CSP, HSTS, frame-ancestors) are set");
  const waiver = must(
    await grantWaiver(
      actor,
      {
        itemId: headers.id,
        expectedVersion: headers.version,
        reason: "The CDN rule for HSTS ships with the next platform change.",
        compensatingControl: "The load balancer redirects HTTP to HTTPS meanwhile.",
        expiresOn: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
      },
      db,
    ),
    "waiver",
  );
  must(
    await revokeWaiver(actor, { itemId: headers.id, waiverId: waiver.waiverId, expectedVersion: waiver.version, reason: "The CDN rule landed early: the headers are set." }, db),
    "revoke",
  );
  const { sectionId } = await item("Rolling back is one command and was tried on staging for this release");
  must(await addReleaseItem(actor, { releaseId, sectionId, text: "The payment provider's sandbox accepts a test charge and a refund" }, db), "release-only item");
  for (const required of await db.releaseItem.findMany({ where: { releaseId, evidenceRequired: true } })) {
    must(await addEvidence(actor, { kind: "LINK", itemId: required.id, url: `https://ci.example.com/payments/evidence/${required.key}` }, db), "evidence");
  }
  for (const open of await db.releaseItem.findMany({ where: { releaseId, status: { not: "DONE" }, severity: "BLOCKING" }, orderBy: { position: "asc" } })) {
    must(await updateItemStatus(actor, { itemId: open.id, expectedVersion: open.version, status: "DONE" }, db), "status");
  }
  must(await signOffRelease(actor, { releaseId, decision: "GO", comment: "Every check is done; the revoked waiver's fix is verified." }, db), "sign-off");
  must(await shipRelease(actor, { releaseId }, db), "ship");
}
