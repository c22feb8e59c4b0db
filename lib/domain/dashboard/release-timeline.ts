import { replayRelease, type TItemState, type TReplayEvent, type TReplayItem, type TReplayStart } from "@/lib/domain/audit/replay-release";
import { computeVerdict } from "@/lib/domain/verdict/compute-verdict";
import type { TVerdictValue } from "@/lib/domain/verdict/types";

export type TTimelinePoint = { seq: string; at: string; openBlocking: number; verdict: TVerdictValue };

/**
 * A release's timeline as far as it has been replayed: its points, the sequence number of
 * the last event replayed, and the release's state after it (JSON, so it can be stored and
 * extended later from the next event instead of from the start).
 */
export type TTimelineProgress = {
  lastSeq: string;
  points: TTimelinePoint[];
  state: {
    at: string;
    items: { id: string; status: TItemState["status"]; owner: string | null; dueDate: string | null; naReason: string | null; evidence: { addedAt: string; expiresAt: string | null }[]; waivers: { expiresAt: string | null; revokedAt: string | null }[] }[];
  };
};

const date = (value: string | null) => (value === null ? null : new Date(value));
const iso = (value: Date | null) => (value === null ? null : value.toISOString());

function toStart(definitions: TReplayItem[], progress: TTimelineProgress): TReplayStart {
  const byId = new Map(definitions.map((d) => [d.id, d]));
  return {
    at: new Date(progress.state.at),
    signOffs: [],
    items: progress.state.items.flatMap((item) => {
      const definition = byId.get(item.id);
      if (!definition) return [];
      return [{
        ...definition,
        ...item,
        evidence: item.evidence.map((e) => ({ addedAt: new Date(e.addedAt), expiresAt: date(e.expiresAt) })),
        waivers: item.waivers.map((w) => ({ expiresAt: date(w.expiresAt), revokedAt: date(w.revokedAt) })),
      }];
    }),
  };
}

/**
 * Extends a timeline by the events after its last one (all of them when there is none
 * yet): after each event, the blocking items not yet satisfied (the burndown) and the
 * verdict, kept only where one of them changed. Past points never change: each is
 * computed as of its own event's time.
 */
export function extendTimeline(
  definitions: TReplayItem[],
  progress: TTimelineProgress | null,
  events: TReplayEvent[],
  { levels, targetLevel }: { levels: string[]; targetLevel: string | null },
): TTimelineProgress {
  const points = [...(progress?.points ?? [])];
  const state = replayRelease(definitions, events, {
    levels,
    targetLevel,
    untilSeq: null,
    from: progress ? toStart(definitions, progress) : undefined,
    onStep: (event, items) => {
      // The verdict's own count: blocking items not satisfied (evidence and waivers included).
      const { verdict, progress } = computeVerdict({ items, levels, targetLevel, now: event.createdAt });
      const openBlocking = progress.total - progress.satisfied;
      const last = points.at(-1);
      // Only the moments where something visible changed.
      if (!last || last.openBlocking !== openBlocking || last.verdict !== verdict) {
        points.push({ seq: event.seq.toString(), at: event.createdAt.toISOString(), openBlocking, verdict });
      }
    },
  });
  return {
    lastSeq: events.at(-1)?.seq.toString() ?? progress?.lastSeq ?? "0",
    points,
    state: {
      at: state.at.toISOString(),
      items: state.items.map((item) => ({
        id: item.id,
        status: item.status,
        owner: item.owner,
        dueDate: item.dueDate,
        naReason: item.naReason,
        evidence: item.evidence.map((e) => ({ addedAt: e.addedAt.toISOString(), expiresAt: iso(e.expiresAt) })),
        waivers: item.waivers.map((w) => ({ expiresAt: iso(w.expiresAt), revokedAt: iso(w.revokedAt) })),
      })),
    },
  };
}

/** The points of a timeline from `since` on (all of them without it). */
export function pointsSince(points: TTimelinePoint[], since: Date | null): TTimelinePoint[] {
  if (!since) return points;
  const from = since.toISOString();
  return points.filter((point) => point.at >= from);
}

/** The release after each of its events, from one pass over its whole history. */
export function releaseTimeline(
  definitions: TReplayItem[],
  events: TReplayEvent[],
  { levels, targetLevel, since }: { levels: string[]; targetLevel: string | null; since: Date | null },
): TTimelinePoint[] {
  return pointsSince(extendTimeline(definitions, null, events, { levels, targetLevel }).points, since);
}

/** The ideal burndown: straight from the first point's open count to zero on the target date. */
export function idealLine(first: TTimelinePoint | undefined, targetDate: string | null): { at: string; ideal: number }[] {
  if (!first || !targetDate) return [];
  return [
    { at: first.at, ideal: first.openBlocking },
    { at: `${targetDate}T23:59:59.000Z`, ideal: 0 },
  ];
}
