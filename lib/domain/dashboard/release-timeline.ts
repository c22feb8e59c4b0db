import { replayRelease, type TReplayEvent, type TReplayItem } from "@/lib/domain/audit/replay-release";
import { computeVerdict, isBlockingFor } from "@/lib/domain/verdict/compute-verdict";
import type { TVerdictValue } from "@/lib/domain/verdict/types";

export type TTimelinePoint = { seq: string; at: string; openBlocking: number; verdict: TVerdictValue };

/**
 * The release after each of its events: blocking items not yet satisfied (the burndown)
 * and the verdict, from one pass over its history.
 */
export function releaseTimeline(
  definitions: TReplayItem[],
  events: TReplayEvent[],
  { levels, targetLevel, since }: { levels: string[]; targetLevel: string | null; since: Date | null },
): TTimelinePoint[] {
  const points: TTimelinePoint[] = [];
  replayRelease(definitions, events, {
    levels,
    targetLevel,
    untilSeq: null,
    onStep: (event, items) => {
      if (since && event.createdAt < since) return;
      const openBlocking = items.filter(
        (item) => isBlockingFor(item, levels, targetLevel) && !["DONE", "NOT_APPLICABLE", "WAIVED"].includes(item.status),
      ).length;
      const verdict = computeVerdict({ items, levels, targetLevel, now: event.createdAt }).verdict;
      const last = points.at(-1);
      // Only the moments where something visible changed.
      if (!last || last.openBlocking !== openBlocking || last.verdict !== verdict) {
        points.push({ seq: event.seq.toString(), at: event.createdAt.toISOString(), openBlocking, verdict });
      }
    },
  });
  return points;
}

/** The ideal burndown: straight from the first point's open count to zero on the target date. */
export function idealLine(first: TTimelinePoint | undefined, targetDate: string | null): { at: string; ideal: number }[] {
  if (!first || !targetDate) return [];
  return [
    { at: first.at, ideal: first.openBlocking },
    { at: `${targetDate}T23:59:59.000Z`, ideal: 0 },
  ];
}
