import type { TActor } from "@/lib/auth/permissions";
import type { TDb } from "@/lib/db";
import { teamOwner } from "@/lib/domain/owners/owners";
import { DemoRelease, runInOrder } from "@/prisma/seed/demo-release";
import type { TMovedClock } from "@/prisma/seed/moved-clock";

/** The demo template's items the story talks about, by their text. */
export const ITEM = {
  build: "The main branch builds from a clean checkout with one command",
  tests: "Unit and integration tests pass in CI on the release commit",
  dependencies: "Dependencies are pinned and scanned for known vulnerabilities",
  backups: "Backups run daily and a restore was rehearsed in the last 90 days",
  personalData: "Personal data has a documented retention period",
  probes: "Liveness and readiness endpoints are wired to the orchestrator",
  dashboards: "Dashboards show traffic, errors, latency and saturation",
  onCall: "The on-call rotation for this service is staffed",
  headers: "Security headers (CSP, HSTS, frame-ancestors) are set",
  leastPrivilege: "The service runs with least privilege on its database and cloud account",
  rollout: "The rollout is gradual (canary or percentage) with an automatic halt",
  rollback: "Rolling back is one command and was tried on staging for this release",
  flags: "Feature flags guard the risky changes in this release",
  incident: "A sev-1 or sev-2 incident is open for this service",
} as const;

export type TDemoPeople = { ada: TActor; remi: TActor; mina: TActor; vicEmail: string };

const CI = "https://ci.example.com";

/**
 * Six weeks of three services' releases, told in the order they happened (the clock only
 * moves forward): two shipped after a GO sign-off, one cancelled, one signed off GO WITH
 * EXCEPTIONS on a waiver that expires in three days, one held by a no-go condition, one
 * whose sign-off a later change voided, one whose CI evidence went stale, one just begun.
 */
export async function tellDemoStory(db: TDb, clock: TMovedClock, templateVersionId: string, people: TDemoPeople): Promise<void> {
  const { ada, remi, mina, vicEmail } = people;
  const release = (actor: TActor, name: string, service: string, version: string, targetInDays: number) =>
    DemoRelease.create(db, clock, actor, templateVersionId, { name, service, version, environment: "production", targetInDays });

  // Payments 5.0.0: a routine release, shipped after a GO five weeks ago.
  clock.day(-42, "10:05");
  const payments50 = await release(remi, "Payments 5.0.0", "payments", "5.0.0", -32);
  await payments50.owner(remi, ITEM.tests, teamOwner("Payments"));
  await payments50.workThrough([mina, ada, remi], { fromDay: -41, toDay: -36, except: [ITEM.tests, ITEM.backups] });
  clock.day(-35, "11:10");
  await payments50.link(ada, ITEM.backups, `${CI}/payments/restore-drills/311`, "Restore of last night's snapshot: 41 min, objective 60 min.");
  await payments50.status(ada, ITEM.backups, "DONE");

  // Checkout 2.3.0 begins: a waiver on the security headers, revoked when the CDN rule lands early.
  clock.day(-35, "14:20");
  const checkout23 = await release(remi, "Checkout 2.3.0", "checkout", "2.3.0", -22);
  clock.day(-34, "09:40");
  await payments50.link(mina, ITEM.tests, `${CI}/payments/builds/8812`);
  await payments50.status(mina, ITEM.tests, "DONE");
  await payments50.workThrough([remi, mina], { fromDay: -34, toDay: -33 });
  clock.day(-32, "15:00");
  await payments50.signOff(remi, "GO", "Every check done; canary plan agreed with SRE.");
  clock.day(-32, "16:20");
  await payments50.signOff(mina, "GO", "Dashboards and alerts verified on staging.");
  clock.day(-31, "10:30");
  await payments50.ship(remi);

  clock.day(-30, "10:00");
  const headersWaiver = await checkout23.waive(remi, ITEM.headers, {
    reason: "The CDN rule for HSTS ships with the next platform change.",
    compensatingControl: "The load balancer redirects HTTP to HTTPS meanwhile.",
    expiresInDays: -16,
  });
  await checkout23.addItem(remi, ITEM.rollback, "The checkout flow was tested against the payment provider's sandbox (a charge and a refund)");
  // Search 0.9.0 starts beside it, and is later cancelled.
  clock.day(-29, "08:15");
  const search09 = await release(ada, "Search 0.9.0", "search", "0.9.0", -20);
  await search09.owner(ada, ITEM.tests, teamOwner("Search"));
  await runInOrder(clock, [
    ...(await checkout23.planWork([mina, remi, ada], { fromDay: -29, toDay: -27, share: 0.5, except: [ITEM.tests, ITEM.headers] })),
    ...(await search09.planWork([mina], { fromDay: -28, toDay: -26, share: 0.35 })),
  ]);
  clock.dayOrLater(-26, "16:45");
  await search09.comment(mina, ITEM.rollback, "The ranking change cannot be rolled back without a reindex: 0.9.0 should wait for the ranking fix.");

  clock.day(-25, "09:20");
  await checkout23.revoke(remi, ITEM.headers, headersWaiver, "The CDN rule landed early: the headers are set.");
  await checkout23.status(mina, ITEM.headers, "DONE");
  clock.day(-24, "10:00");
  await search09.cancel(remi, "Superseded by Search 1.0.0, which ships the same index change with the ranking fix.");

  // Search 1.0.0: signed off GO WITH EXCEPTIONS on a CSP waiver that expires in three days.
  clock.day(-24, "11:30");
  const search10 = await release(remi, "Search 1.0.0", "search", "1.0.0", 1);
  await search10.owner(remi, ITEM.tests, teamOwner("Search"));
  await checkout23.workThrough([mina, remi], { fromDay: -24, toDay: -24, except: [ITEM.tests] });
  clock.day(-23, "14:00");
  await checkout23.link(mina, ITEM.tests, `${CI}/checkout/builds/4107`);
  await checkout23.status(mina, ITEM.tests, "DONE");
  await checkout23.link(mina, "The checkout flow was tested against the payment provider's sandbox (a charge and a refund)", `${CI}/checkout/sandbox-runs/77`);
  clock.day(-22, "16:10");
  await checkout23.signOff(remi, "GO", "Every check is done; the revoked waiver's fix is verified.");
  await checkout23.signOff(mina, "GO", "On-call briefed; rollback tried on staging.");
  clock.day(-21, "09:45");
  await checkout23.ship(remi);

  // Search 1.1.0 (prepared beside 1.0.0): its CI evidence is from nineteen days ago.
  clock.day(-20, "10:30");
  const search11 = await release(ada, "Search 1.1.0", "search", "1.1.0", 6);
  await search11.owner(ada, ITEM.tests, teamOwner("Search"));
  await search11.owner(ada, ITEM.personalData, vicEmail, 3);
  clock.day(-19, "15:05");
  await search11.link(mina, ITEM.tests, `${CI}/search/builds/2290`);
  await search11.status(mina, ITEM.tests, "DONE");
  await search11.comment(ada, ITEM.personalData, "Vic: the query logs keep user ids. Please confirm the 30-day retention with legal before we ship.");

  await runInOrder(clock, [
    ...(await search10.planWork([mina, ada], { fromDay: -19, toDay: -13, except: [ITEM.tests, ITEM.headers] })),
    ...(await search11.planWork([mina], { fromDay: -18, toDay: -14, share: 0.4, except: [ITEM.tests] })),
  ]);

  // Payments 5.1.0 and Checkout 2.4.0 start.
  clock.day(-12, "09:00");
  const payments51 = await release(remi, "Payments 5.1.0", "payments", "5.1.0", 2);
  await payments51.owner(remi, ITEM.tests, teamOwner("Payments"));
  await payments51.owner(remi, ITEM.rollback, teamOwner("Payments"));
  clock.day(-12, "10:15");
  const checkout24 = await release(remi, "Checkout 2.4.0", "checkout", "2.4.0", 4);
  await checkout24.owner(remi, ITEM.dashboards, teamOwner("SRE"));
  await checkout24.status(remi, ITEM.flags, "NOT_APPLICABLE", "This release has no behaviour changes behind flags: it is a dependency upgrade.");
  await runInOrder(clock, [
    ...(await payments51.planWork([ada, mina, remi], { fromDay: -12, toDay: -7, except: [ITEM.tests] })),
    ...(await checkout24.planWork([mina, remi], { fromDay: -11, toDay: -7, except: [ITEM.tests] })),
  ]);

  clock.day(-6, "10:20");
  await search10.waive(remi, ITEM.headers, {
    reason: "CSP runs report-only for a week to catch what enforcing it would break.",
    compensatingControl: "HSTS and frame-ancestors are set at the edge; CSP reports go to the security channel.",
    expiresInDays: 3,
  });
  clock.day(-5, "11:00");
  await search10.link(mina, ITEM.tests, `${CI}/search/builds/2417`);
  await search10.status(mina, ITEM.tests, "DONE");
  clock.day(-4, "09:35");
  await payments51.link(ada, ITEM.tests, `${CI}/payments/builds/9034`);
  await payments51.status(ada, ITEM.tests, "DONE");
  await checkout24.link(mina, ITEM.tests, `${CI}/checkout/builds/4388`);
  await checkout24.status(mina, ITEM.tests, "DONE");

  // Checkout 2.4.0: sign-off asked for, both seats sign, then a change voids both signatures.
  clock.day(-3, "11:30");
  await checkout24.requestSignOff(remi);
  clock.day(-3, "14:00");
  await checkout24.signOff(remi, "GO", "All checks done; canary plan agreed with SRE.");
  clock.day(-3, "15:10");
  await checkout24.signOff(mina, "GO", "Runbooks and alerts reviewed.");
  clock.hoursAgo(50);
  await checkout24.status(mina, ITEM.dashboards, "IN_PROGRESS");
  await checkout24.owner(mina, ITEM.dashboards, teamOwner("SRE"), 1);
  await checkout24.comment(mina, ITEM.dashboards, "The new payment-retry queue has no saturation panel yet; adding it before we ship.");

  clock.hoursAgo(44);
  await search10.signOff(remi, "GO", "GO with the CSP waiver: CSP is enforced before the waiver expires.");
  clock.hoursAgo(43);
  await search10.signOff(mina, "GO", "SRE is fine with the report-only week.");

  // Payments 5.1.0: ready, until a sev-2 incident opens.
  clock.hoursAgo(26);
  await payments51.status(mina, ITEM.incident, "BLOCKED");
  await payments51.comment(mina, ITEM.incident, "INC-2291 (sev-2): card authorisations time out for one acquirer in eu-west. Holding the release until the fix is verified.");
  await payments51.status(ada, ITEM.rollback, "IN_PROGRESS");
  await payments51.comment(ada, ITEM.rollback, "Re-trying the rollback on staging with the acquirer fix in.");

  // Checkout 2.5.0: just begun.
  clock.hoursAgo(20);
  const checkout25 = await release(remi, "Checkout 2.5.0", "checkout", "2.5.0", 14);
  await checkout25.owner(remi, ITEM.probes, teamOwner("Platform"), 7);
  await checkout25.owner(remi, ITEM.leastPrivilege, teamOwner("Platform"), 9);
  await checkout25.owner(remi, ITEM.rollout, remi.label, 10);
  clock.hoursAgo(2);
  await checkout25.comment(ada, ITEM.leastPrivilege, "The new fraud-check job needs read access to orders only; I'll scope its role this week.");
}
