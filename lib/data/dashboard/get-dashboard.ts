import "server-only";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";
import { loadReleaseTimelines } from "@/lib/data/dashboard/load-release-timelines";
import { loadReleasesVerdictItems } from "@/lib/data/releases/load-release-verdict";
import { pickItemDefinition } from "@/lib/domain/checklist/types";
import { idealLine, pointsSince, type TTimelinePoint } from "@/lib/domain/dashboard/release-timeline";
import { computeVerdict } from "@/lib/domain/verdict/compute-verdict";
import { itemStanding } from "@/lib/domain/verdict/item-standing";
import { ownerText } from "@/lib/domain/owners/owners";
import type { TVerdictValue } from "@/lib/domain/verdict/types";
import type { TReleaseStatus } from "@/lib/domain/checklist/types";

const DAY = 86_400_000;

export type TDashboardFilters = { service?: string; environment?: string; rangeDays?: number | null };
export type TDashboard = {
  portfolio: {
    id: string; name: string; service: string; environment: string; verdict: TVerdictValue; percent: number;
    blockingLeft: number; targetDate: string | null; isOverdue: boolean; signOff: "signed" | "invalidated" | "none";
    status: TReleaseStatus;
  }[];
  /** Shipped and cancelled in the time range (the newest few when it is all time), newest first. */
  recentlyClosed: { id: string; name: string; service: string; environment: string; status: "SHIPPED" | "CANCELLED"; closedAt: string; reason: string | null }[];
  services: string[];
  environments: string[];
  timelines: { releaseId: string; name: string; targetDate: string | null; points: TTimelinePoint[]; ideal: { at: string; ideal: number }[] }[];
  sections: { title: string; incomplete: number; waived: number; total: number }[];
  /** `label`: as a reader knows the owner ("SRE (team)", a person's name for their email). */
  owners: { owner: string; label: string; open: number; overdue: number }[];
  staleEvidence: { releaseId: string; releaseName: string; itemText: string; daysLeft: number }[];
  expiringWaivers: { releaseId: string; releaseName: string; itemText: string; expiresOn: string; daysLeft: number }[];
};

/** How long an unchanged dashboard is served again: it also depends on the clock (days left, stale evidence). */
const REUSE_MS = 60_000;
const computed = new WeakMap<TDb, Map<string, { head: bigint; at: number; dashboard: TDashboard }>>();

/**
 * Everything the dashboard shows, computed on the server from releases in flight and their
 * history. Every change to what it shows writes an audit event, so while the newest event is
 * the same (and for at most a minute), the dashboard computed last time is still the answer;
 * it is the same for every reader. Pass `now` to compute it as of that time, afresh.
 */
export async function getDashboard(actor: TActor, filters: TDashboardFilters, { db = getDb(), now }: { db?: TDb; now?: Date } = {}): Promise<TDashboard> {
  assertCan(actor, "release:read");
  if (now) return computeDashboard(db, filters, now);
  const [{ head }] = (await db.$queryRaw<{ head: bigint | null }[]>`SELECT max(seq) AS head FROM audit_events`) as [{ head: bigint | null }];
  const key = JSON.stringify([filters.service ?? null, filters.environment ?? null, filters.rangeDays ?? null]);
  const byFilters = computed.get(db) ?? new Map();
  computed.set(db, byFilters);
  const last = byFilters.get(key);
  const at = Date.now();
  if (last && last.head === (head ?? 0n) && at - last.at < REUSE_MS) return last.dashboard;
  const dashboard = await computeDashboard(db, filters, new Date(at));
  if (byFilters.size > 100) byFilters.clear();
  byFilters.set(key, { head: head ?? 0n, at, dashboard });
  return dashboard;
}

async function computeDashboard(db: TDb, filters: TDashboardFilters, now: Date): Promise<TDashboard> {
  const all = await db.release.findMany({
    where: { status: { notIn: ["SHIPPED", "CANCELLED"] } },
    orderBy: [{ targetDate: { sort: "asc", nulls: "last" } }, { name: "asc" }],
    select: {
      id: true, name: true, service: true, environment: true, targetDate: true, targetLevel: true, status: true,
      templateVersion: { select: { levels: true } },
      sections: { select: { id: true, title: true } },
      signOffs: { select: { decision: true, invalidatedAt: true } },
    },
  });
  const chosen = all.filter((r) => (!filters.service || r.service === filters.service) && (!filters.environment || r.environment === filters.environment));
  const releases = await loadReleasesVerdictItems(db, chosen);
  const since = filters.rangeDays ? new Date(now.getTime() - filters.rangeDays * DAY) : null;
  const timelinesOf = await loadReleaseTimelines(
    db,
    releases.map((r) => ({ id: r.id, levels: r.templateVersion.levels, targetLevel: r.targetLevel, definitions: () => r.items.map((i) => ({ id: i.id, ...pickItemDefinition(i) })) })),
  );

  const today = now.toISOString().slice(0, 10);
  const sections = new Map<string, { title: string; incomplete: number; waived: number; total: number }>();
  const owners = new Map<string, { owner: string; label: string; open: number; overdue: number }>();
  const dashboard: TDashboard = {
    portfolio: [],
    services: [...new Set(all.map((r) => r.service))].sort(),
    environments: [...new Set(all.map((r) => r.environment))].sort(),
    timelines: [],
    sections: [],
    owners: [],
    staleEvidence: [],
    expiringWaivers: [],
    recentlyClosed: await loadRecentlyClosed(db, filters, since),
  };

  for (const release of releases) {
    const { levels } = release.templateVersion;
    const verdict = computeVerdict({ items: release.items, levels, targetLevel: release.targetLevel, now });
    const targetDate = release.targetDate?.toISOString().slice(0, 10) ?? null;
    dashboard.portfolio.push({
      id: release.id,
      name: release.name,
      service: release.service,
      environment: release.environment,
      verdict: verdict.verdict,
      percent: verdict.progress.percent,
      blockingLeft: verdict.progress.total - verdict.progress.satisfied,
      targetDate,
      isOverdue: !!targetDate && targetDate < today && verdict.verdict === "NO_GO",
      signOff: release.status === "SIGNED_OFF" ? "signed" : release.signOffs.length > 0 ? "invalidated" : "none",
      status: release.status,
    });

    const sectionTitle = new Map(release.sections.map((s) => [s.id, s.title]));
    for (const item of release.items) {
      const title = sectionTitle.get(item.sectionId) ?? "—";
      const section = sections.get(title) ?? { title, incomplete: 0, waived: 0, total: 0 };
      section.total += 1;
      // The verdict's rule: done without valid evidence, or waived by an expired waiver, is incomplete.
      const standing = itemStanding(item, now);
      if (standing === "waived") section.waived += 1;
      else if (standing === "unsatisfied") section.incomplete += 1;
      sections.set(title, section);

      if (item.owner && standing === "unsatisfied") {
        const owner = owners.get(item.owner) ?? { owner: item.owner, label: ownerText(item.owner), open: 0, overdue: 0 };
        owner.open += 1;
        if (item.dueDate && item.dueDate.toISOString().slice(0, 10) < today) owner.overdue += 1;
        owners.set(item.owner, owner);
      }
      if (item.evidenceRequired && item.evidence.length > 0) {
        const deadlines = item.evidence.map((e) =>
          Math.min(e.expiresAt?.getTime() ?? Infinity, item.evidenceMaxAgeDays ? e.addedAt.getTime() + item.evidenceMaxAgeDays * DAY : Infinity),
        );
        const best = Math.max(...deadlines);
        if (Number.isFinite(best) && best - now.getTime() < 14 * DAY) {
          dashboard.staleEvidence.push({ releaseId: release.id, releaseName: release.name, itemText: item.text, daysLeft: Math.floor((best - now.getTime()) / DAY) });
        }
      }
      for (const waiver of item.waivers) {
        if (waiver.revokedAt || !waiver.expiresAt || waiver.expiresAt <= now) continue;
        const daysLeft = Math.floor((waiver.expiresAt.getTime() - now.getTime()) / DAY);
        if (daysLeft <= 30) {
          dashboard.expiringWaivers.push({ releaseId: release.id, releaseName: release.name, itemText: item.text, expiresOn: waiver.expiresAt.toISOString().slice(0, 10), daysLeft });
        }
      }
    }

    const points = pointsSince(timelinesOf.get(release.id) ?? [], since);
    dashboard.timelines.push({ releaseId: release.id, name: release.name, targetDate, points, ideal: idealLine(points[0], targetDate) });
  }

  dashboard.sections = [...sections.values()].sort((a, b) => b.incomplete + b.waived - (a.incomplete + a.waived) || a.title.localeCompare(b.title));
  dashboard.owners = [...owners.values()].sort((a, b) => b.open - a.open || a.owner.localeCompare(b.owner));
  // People are owners by email: the chart names them.
  const emails = dashboard.owners.filter((o) => o.owner.includes("@")).map((o) => o.owner.trim());
  if (emails.length > 0) {
    const people = await db.user.findMany({ where: { email: { in: emails, mode: "insensitive" }, name: { not: null } }, select: { email: true, name: true } });
    const nameOf = new Map(people.map((p) => [p.email.toLowerCase(), p.name!]));
    for (const owner of dashboard.owners) owner.label = nameOf.get(owner.owner.trim().toLowerCase()) ?? owner.label;
  }
  dashboard.staleEvidence.sort((a, b) => a.daysLeft - b.daysLeft);
  dashboard.expiringWaivers.sort((a, b) => a.daysLeft - b.daysLeft);
  return dashboard;
}

const RECENTLY_CLOSED = 8;

async function loadRecentlyClosed(db: TDb, filters: TDashboardFilters, since: Date | null): Promise<TDashboard["recentlyClosed"]> {
  const rows = await db.release.findMany({
    where: {
      status: { in: ["SHIPPED", "CANCELLED"] },
      closedAt: since ? { gte: since } : { not: null },
      ...(filters.service ? { service: filters.service } : {}),
      ...(filters.environment ? { environment: filters.environment } : {}),
    },
    orderBy: { closedAt: "desc" },
    take: RECENTLY_CLOSED,
    select: { id: true, name: true, service: true, environment: true, status: true, closedAt: true, closeReason: true },
  });
  return rows.map((r) => ({
    id: r.id, name: r.name, service: r.service, environment: r.environment,
    status: r.status as "SHIPPED" | "CANCELLED", closedAt: r.closedAt!.toISOString(), reason: r.closeReason,
  }));
}
