"use client";

import { useChecklist } from "@/components/release/checklist-context";
import { InlineNodes } from "@/components/ui/markdown-nodes";
import { ReasonText } from "@/components/release/reason-text";
import { useReleaseLive, useUnsatisfiedKeys } from "@/components/release/release-store";
import { VerdictBadge } from "@/components/release/verdict-badge";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { TReleaseStatus } from "@/lib/domain/checklist/types";

// The parts of the release page that show the whole release, read from the page's store so
// they change with every save, without a reload.

const BANNER_STYLES = {
  GO: "border-emerald-300 bg-emerald-50",
  GO_WITH_EXCEPTIONS: "border-amber-300 bg-amber-50",
  NO_GO: "border-red-300 bg-red-50",
} as const;
const HEADLINES = { GO: "Go", GO_WITH_EXCEPTIONS: "Go with exceptions", NO_GO: "No-go" } as const;

/**
 * Items are named with their text as the server parsed it (the checklist's data), inside a
 * link (the reasons are links to their items). Reasons come and go with every change.
 */
export function VerdictBanner() {
  const { verdict } = useReleaseLive();
  const { titles: parsed } = useChecklist();
  const title = (key: string) => {
    const nodes = parsed.get(key);
    return nodes ? <InlineNodes nodes={nodes} isInsideLink /> : undefined;
  };
  const { progress } = verdict;
  return (
    <section aria-label="Verdict" aria-live="polite" className={`rounded-xl border p-5 ${BANNER_STYLES[verdict.verdict]}`}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-3">
          <h2 className="text-xl font-semibold">Verdict: {HEADLINES[verdict.verdict]}</h2>
          <VerdictBadge verdict={verdict.verdict} />
        </div>
        <div className="w-full sm:w-64">
          <ProgressBar percent={progress.percent} label="Blocking items satisfied" />
          <p className="mt-1 text-right text-xs text-slate-600">
            {progress.satisfied} of {progress.total} blocking items satisfied
          </p>
        </div>
      </div>
      {verdict.reasons.length > 0 ? (
        <>
          <h3 className="mt-4 text-sm font-semibold text-slate-800">What holds it back ({verdict.reasons.length})</h3>
          <ul className="mt-1 space-y-1 text-sm">
            {verdict.reasons.slice(0, 12).map((reason, index) => (
              <li key={`${reason.itemKey}-${index}`}>
                {reason.itemKey ? (
                  <a href={`#item-${reason.itemKey}`} className="text-slate-900 underline decoration-slate-400 hover:decoration-slate-900">
                    <ReasonText message={reason.message} itemText={reason.itemText} rendered={reason.itemKey ? title(reason.itemKey) : undefined} />
                  </a>
                ) : (
                  <ReasonText message={reason.message} itemText={reason.itemText} />
                )}
              </li>
            ))}
            {verdict.reasons.length > 12 ? <li className="text-slate-600">…and {verdict.reasons.length - 12} more.</li> : null}
          </ul>
        </>
      ) : null}
      {verdict.exceptions.length > 0 ? (
        <>
          <h3 className="mt-4 text-sm font-semibold text-slate-800">Exceptions ({verdict.exceptions.length})</h3>
          <ul className="mt-1 space-y-1 text-sm">
            {verdict.exceptions.map((exception) => (
              <li key={exception.itemKey}>
                <a href={`#item-${exception.itemKey}`} className="underline decoration-slate-400">
                  {exception.via === "WAIVER" ? "Waived" : "Not applicable"}: {title(exception.itemKey) ?? exception.itemText}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

const STATUS_WORDS: Record<TReleaseStatus, string> = {
  DRAFT: "draft",
  IN_REVIEW: "in review",
  SIGNED_OFF: "signed off",
  SHIPPED: "shipped",
  CANCELLED: "cancelled",
};

export function ReleaseStatusText() {
  const { status } = useReleaseLive();
  return <span data-testid="release-status">{STATUS_WORDS[status]}</span>;
}

/** "3/14 blocking satisfied" for a section, from the verdict's reasons (the unsatisfied blocking items). */
export function SectionProgress({ blockingKeys }: { blockingKeys: string[] }) {
  const unsatisfied = useUnsatisfiedKeys();
  if (blockingKeys.length === 0) return null;
  const satisfied = blockingKeys.filter((key) => !unsatisfied.has(key)).length;
  return (
    <span className="text-xs text-slate-500">
      {satisfied}/{blockingKeys.length} blocking satisfied
    </span>
  );
}
