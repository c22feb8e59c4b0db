import type { TItemKind, TItemStatus, TSeverity } from "@/lib/domain/checklist/types";
import { parseAuditPayload } from "@/lib/domain/audit/audit-events";
import { describeEvent } from "@/lib/domain/audit/describe-event";
import { plainInlineText } from "@/lib/domain/markdown/inline-markdown";
import { REPLACED_REASON, voidsSignOffs } from "@/lib/domain/sign-off/sign-off-rules";
import { computeVerdict } from "@/lib/domain/verdict/compute-verdict";
import type { TVerdict } from "@/lib/domain/verdict/types";

// Rebuilds a release as it was after a given event, from its items' definitions (which
// never change after creation) and its audit events (which say everything that did).

export type TReplayItem = {
  id: string;
  key: string;
  text: string;
  kind: TItemKind;
  severity: TSeverity;
  evidenceRequired: boolean;
  evidenceMaxAgeDays: number | null;
  requiredLevel: string | null;
};
export type TReplayEvent = { seq: bigint; action: string; entityId: string; entityType: string; actorLabel: string; createdAt: Date; before: Record<string, unknown> | null; after: Record<string, unknown> | null };
export type TItemState = TReplayItem & {
  status: TItemStatus;
  owner: string | null;
  dueDate: string | null;
  naReason: string | null;
  evidence: { addedAt: Date; expiresAt: Date | null }[];
  waivers: { expiresAt: Date | null; revokedAt: Date | null }[];
};
export type TSignOffState = {
  seq: string; signer: string; decision: string; verdict: string; comment: string | null; at: string; invalidatedBy: string | null;
  /** The seat's name (events before seats: "Release manager"), and the content hash signed. */
  seat?: string; contentHash?: string;
};
export type TReleaseState = { at: Date; items: TItemState[]; verdict: TVerdict; signOffs: TSignOffState[] };

/** Where a replay resumes: the items and sign-offs after an earlier event. */
export type TReplayStart = { items: TItemState[]; signOffs: TSignOffState[]; at: Date };

export function replayRelease(
  definitions: TReplayItem[],
  events: TReplayEvent[],
  {
    levels,
    targetLevel,
    untilSeq,
    onStep,
    from,
  }: {
    levels: string[];
    targetLevel: string | null;
    untilSeq: bigint | null;
    onStep?: (event: TReplayEvent, items: TItemState[]) => void;
    /** Resume from this state (events must then be only the later ones). */
    from?: TReplayStart;
  },
): TReleaseState {
  const fresh = (d: TReplayItem): TItemState => ({ ...d, status: "OPEN", owner: null, dueDate: null, naReason: null, evidence: [], waivers: [] });
  const copy = (item: TItemState): TItemState => ({ ...item, evidence: item.evidence.map((e) => ({ ...e })), waivers: item.waivers.map((w) => ({ ...w })) });
  // Definitions change only when the release moves to a newer template version; the first
  // move's event holds the ones the release was created with.
  const firstMove = from ? undefined : events.find((event) => event.action === "release.template.move");
  const firstMovePayload = firstMove && parseAuditPayload(firstMove.action, firstMove.before, firstMove.after);
  const initial = firstMovePayload?.action === "release.template.move" ? firstMovePayload.after.definitionsBefore : definitions;
  // Items added to the release later (item.add) exist only from their event on.
  const addedLater = new Set(events.filter((event) => event.action === "item.add").map((event) => event.entityId));
  const items = new Map<string, TItemState>(
    from ? from.items.map((item) => [item.id, copy(item)]) : initial.filter((d) => !addedLater.has(d.id)).map((d) => [d.id, fresh(d)]),
  );
  const byKey = new Map([...items.values()].map((item) => [item.key, item]));
  const signOffs: TSignOffState[] = from?.signOffs.map((s) => ({ ...s })) ?? [];
  let at = from?.at ?? events[0]?.createdAt ?? new Date(0);

  for (const event of events) {
    if (untilSeq !== null && event.seq > untilSeq) break;
    at = event.createdAt;
    // The same schemas the writers use (audit-events.ts): no payload shape known only here.
    const payload = parseAuditPayload(event.action, event.before, event.after);
    const itemId = payload && "itemId" in (payload.after ?? {}) ? String((payload.after as { itemId: string }).itemId) : event.entityId;
    const item = items.get(itemId);
    switch (payload?.action) {
      case "release.create":
        for (const [key, initial] of Object.entries(payload.after.initialStates ?? {})) {
          const target = byKey.get(key);
          if (!target) continue;
          target.status = initial.status ?? "OPEN";
          target.owner = initial.owner ?? null;
          target.naReason = initial.naReason ?? null;
          for (const _link of initial.evidenceLinks ?? []) target.evidence.push({ addedAt: event.createdAt, expiresAt: null });
        }
        break;
      case "item.status.update":
        if (item) {
          item.status = payload.after.status;
          item.naReason = payload.after.naReason ?? null;
        }
        break;
      case "item.details.update":
        if (item) {
          item.owner = payload.after.owner;
          item.dueDate = payload.after.dueDate ? payload.after.dueDate.slice(0, 10) : null;
        }
        break;
      case "evidence.add":
        item?.evidence.push({ addedAt: event.createdAt, expiresAt: payload.after.expiresAt ? new Date(payload.after.expiresAt) : null });
        break;
      case "waiver.grant":
        if (item) {
          item.status = "WAIVED";
          item.naReason = null;
          item.waivers.push({ expiresAt: payload.after.expiresAt ? new Date(payload.after.expiresAt) : null, revokedAt: null });
        }
        break;
      case "waiver.revoke":
        if (item) {
          if (item.status !== payload.after.status) {
            item.status = payload.after.status;
            item.naReason = null;
          }
          // The verdict reads a waiver's expiry and revocation only, so any unrevoked waiver
          // with the revoked one's expiry stands for it (replayed states carry no waiver ids).
          const expiresAt = payload.after.expiresAt ? new Date(payload.after.expiresAt).getTime() : null;
          const waiver = item.waivers.find((w) => w.revokedAt === null && (w.expiresAt?.getTime() ?? null) === expiresAt);
          if (waiver) waiver.revokedAt = event.createdAt;
        }
        break;
      case "item.add": {
        const added = fresh(payload.after.definition);
        if (!items.has(added.id)) {
          items.set(added.id, added);
          byKey.set(added.key, added);
        }
        break;
      }
      case "release.template.move": {
        const moved = payload.after.definitionsAfter.map((d): [string, TItemState] => {
          const was = items.get(d.id);
          return [d.id, was ? { ...was, ...d } : fresh(d)];
        });
        items.clear();
        byKey.clear();
        for (const [id, state] of moved) {
          items.set(id, state);
          byKey.set(state.key, state);
        }
        break;
      }
      case "release.sign-off":
        // A signer's new signature replaces their earlier one on the same seat.
        for (const s of signOffs) if (!s.invalidatedBy && s.signer === event.actorLabel && (s.seat ?? "") === (payload.after.capacity ?? "")) s.invalidatedBy = REPLACED_REASON;
        signOffs.push({
          seq: event.seq.toString(),
          signer: event.actorLabel,
          decision: payload.after.decision,
          verdict: payload.after.verdict,
          comment: payload.after.comment,
          at: event.createdAt.toISOString(),
          invalidatedBy: null,
          seat: payload.after.capacity,
          contentHash: payload.after.contentHash,
        });
        break;
    }
    // The rule the writers apply (sign-off-rules.ts): a covered change voids every valid sign-off.
    if (voidsSignOffs(event.action)) {
      // Shown to people as it is: the item's text as a reader sees it, not its Markdown.
      const itemText = item && plainInlineText(item.text);
      const why = `${event.actorLabel} ${describeEvent({ action: event.action, entityType: event.entityType, entityId: event.entityId, before: event.before, after: event.after, itemText })}`;
      for (const s of signOffs) if (!s.invalidatedBy) s.invalidatedBy = why;
    }
    onStep?.(event, [...items.values()]);
  }

  const states = [...items.values()];
  return { at, items: states, verdict: computeVerdict({ items: states, levels, targetLevel, now: at }), signOffs };
}
