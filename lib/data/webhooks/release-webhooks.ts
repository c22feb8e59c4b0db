import "server-only";
import type { TActor } from "@/lib/auth/permissions";
import type { TAuditInput, TTx } from "@/lib/audit/record-audit";
import { loadReleaseVerdict } from "@/lib/data/releases/load-release-verdict";
import type { TWebhookEvent, TWebhookOccurrence } from "@/lib/domain/webhooks/webhook-events";
import type { TVerdictValue } from "@/lib/domain/verdict/types";

const VERDICT_WORDS: Record<TVerdictValue, string> = { GO: "GO", GO_WITH_EXCEPTIONS: "GO WITH EXCEPTIONS", NO_GO: "NO-GO" };

/** The verdict before a change, when someone wants to hear that it changed. */
export async function verdictBeforeChange(tx: TTx, releaseId: string, subscribed: Set<string>): Promise<TVerdictValue | null> {
  if (!subscribed.has("verdict.changed")) return null;
  return (await loadReleaseVerdict(tx, releaseId, new Date()))?.verdict.verdict ?? null;
}

/**
 * The webhook events a release change makes, among those someone subscribed to: read from
 * its audit event (what it did), the sign-offs it voided and the verdict before and after.
 */
export async function releaseWebhookOccurrences(
  tx: TTx,
  actor: TActor,
  { releaseId, audit, voided, verdictBefore, subscribed }: { releaseId: string; audit: Omit<TAuditInput, "releaseId">; voided: number; verdictBefore: TVerdictValue | null; subscribed: Set<string> },
): Promise<TWebhookOccurrence[]> {
  // Omit<> of the union loses its discrimination; the event is one of TAuditInput's.
  const event = audit as TAuditInput;
  const release = await tx.release.findUniqueOrThrow({ where: { id: releaseId }, select: { id: true, name: true, service: true, version: true, environment: true } });
  const found: Omit<TWebhookOccurrence, "release">[] = [];
  const wants = (event: TWebhookEvent) => subscribed.has(event);
  if (wants("item.blocked") && event.action === "item.status.update" && event.after?.status === "BLOCKED" && event.before?.status !== "BLOCKED") {
    const item = await tx.releaseItem.findUniqueOrThrow({ where: { id: event.entityId }, select: { key: true, text: true } });
    found.push({ event: "item.blocked", summary: `“${item.text}” is blocked (by ${actor.label}).`, data: { itemKey: item.key, itemText: item.text, by: actor.label } });
  }
  if (wants("signoff.voided") && voided > 0) {
    found.push({ event: "signoff.voided", summary: `${voided} sign-off${voided === 1 ? " was" : "s were"} voided by a change (by ${actor.label}): the release needs a new sign-off.`, data: { voided, by: actor.label, action: audit.action } });
  }
  if (wants("signoff.recorded") && event.action === "release.sign-off" && event.after) {
    const { decision, comment, verdict, capacity, seat, releaseStatus } = event.after;
    found.push({
      event: "signoff.recorded",
      summary: `${actor.label} signed ${decision === "GO" ? "GO" : "NO-GO"} as ${capacity}${comment ? `: ${comment}` : "."}${releaseStatus === "SIGNED_OFF" ? " Every seat has signed: the release is signed off." : ""}`,
      data: { decision, comment, verdict, seat: seat ?? null, seatName: capacity, releaseStatus: releaseStatus ?? null, by: actor.label },
    });
  }
  if (wants("signoff.requested") && event.action === "release.sign-off.request" && event.after) {
    const { seats } = event.after;
    found.push({
      event: "signoff.requested",
      summary: `${actor.label} asked for sign-off from ${seats.map((s) => s.name).join(", ") || "the seats"}.`,
      data: { seats, by: actor.label },
    });
  }
  if (wants("release.shipped") && audit.action === "release.ship") {
    found.push({ event: "release.shipped", summary: `Shipped (by ${actor.label}).`, data: { by: actor.label } });
  }
  if (wants("verdict.changed") && verdictBefore) {
    const after = (await loadReleaseVerdict(tx, releaseId, new Date()))!.verdict;
    if (after.verdict !== verdictBefore) {
      found.push({
        event: "verdict.changed",
        summary: `The verdict went from ${VERDICT_WORDS[verdictBefore]} to ${VERDICT_WORDS[after.verdict]}${after.reasons[0] ? `: ${after.reasons[0].message}` : "."}`,
        data: { from: verdictBefore, to: after.verdict, reasons: after.reasons.map((r) => r.message) },
      });
    }
  }
  return found.map((occurrence) => ({ ...occurrence, release: { id: release.id, name: release.name, service: release.service, version: release.version, environment: release.environment } }));
}
