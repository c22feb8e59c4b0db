"use client";

import { WaitingButton } from "@/components/ui/pending-button";
import type { TDraftReview } from "@/lib/data/templates/publish-template-draft";

const button = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50 disabled:opacity-60";
const primary = "rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";

/** The field a problem is about, for "Show me". */
function fieldIdOf(problem: TDraftReview["problems"][number]): string {
  if (problem.id) return `${problem.id}-${problem.field}`;
  return problem.field === "levels" ? "level-0" : "draft-title";
}

/** What publishing the saved draft does: what stops it, or the diff against the version it replaces. */
export function DraftReviewPanel({ review, isPublishing, onPublish, onClose }: { review: TDraftReview; isPublishing: boolean; onPublish: () => void; onClose: () => void }) {
  const { diff, problems, staleBase } = review;
  const isUnchanged = diff.added.length + diff.removed.length + diff.changed.length + diff.signOff.length === 0 && !diff.levels && !diff.title;
  const canPublish = problems.length === 0 && !staleBase;
  const target = review.baseNumber === null && review.nextNumber === 1 ? "the template (version 1)" : `version ${review.nextNumber}`;
  return (
    <section id="draft-review" tabIndex={-1} aria-labelledby="draft-review-title" className="mb-6 rounded-xl border-2 border-brand-600 bg-white p-4 text-sm focus:outline-none">
      <h2 id="draft-review-title" className="text-lg font-semibold">
        Review before publishing
      </h2>
      {problems.length > 0 ? (
        <div className="mt-2">
          <p className="font-medium text-red-800">Fix {problems.length === 1 ? "this" : `these ${problems.length} things`} before publishing:</p>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {problems.map((problem, index) => (
              <li key={index}>
                {problem.message}{" "}
                <button type="button" className="text-brand-700 underline" onClick={() => document.getElementById(fieldIdOf(problem))?.focus()}>
                  Show me
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {staleBase ? (
        <p role="alert" className="mt-2 text-red-800">
          Version {staleBase.latestNumber} was published after this draft was started: publishing would undo its changes. Discard this draft and edit the latest
          version.
        </p>
      ) : null}
      {canPublish ? (
        <>
          <p className="mt-2 text-slate-700">
            Publishing creates {target}. Releases keep the version they were created from until a release manager moves them.
          </p>
          <h3 className="mt-3 font-semibold">{review.baseNumber === null ? "Contents" : `Changes from version ${review.baseNumber}`}</h3>
          {isUnchanged ? <p className="text-slate-600">Nothing changed from version {review.baseNumber}.</p> : null}
          <ul className="mt-1 space-y-1">
            {diff.title ? (
              <li>
                Title: “{diff.title.before}” → “{diff.title.after}”
              </li>
            ) : null}
            {diff.levels ? (
              <li>
                Levels: {diff.levels.before.join(" < ") || "none"} → {diff.levels.after.join(" < ") || "none"}
              </li>
            ) : null}
          </ul>
          <DiffList title={`Added (${diff.added.length})`} tone="text-emerald-800" entries={diff.added.map((i) => ({ key: i.key, text: i.text, notes: [`in ${i.section}`] }))} />
          <DiffList title={`Removed (${diff.removed.length})`} tone="text-red-800" entries={diff.removed.map((i) => ({ key: i.key, text: i.text, notes: [`from ${i.section}`] }))} />
          <DiffList title={`Changed (${diff.changed.length})`} tone="text-amber-900" entries={diff.changed.map((i) => ({ key: i.key, text: i.text, notes: i.changes }))} />
          {diff.signOff.length > 0 ? (
            <section aria-label={`Sign-off (${diff.signOff.length})`} className="mt-3">
              <h4 className="font-medium text-slate-800">Sign-off ({diff.signOff.length})</h4>
              <ul className="mt-1 list-disc space-y-1 pl-5">
                {diff.signOff.map((change) => (
                  <li key={change}>{change}</li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      ) : null}
      <div className="mt-4 flex flex-wrap gap-2">
        <WaitingButton className={primary} disabled={!canPublish} isPending={isPublishing} pendingText="Publishing…" onClick={onPublish}>
          {`Publish ${review.baseNumber === null && review.nextNumber === 1 ? "the template" : `version ${review.nextNumber}`}`}
        </WaitingButton>
        <button type="button" className={button} onClick={onClose}>
          Keep editing
        </button>
      </div>
    </section>
  );
}

function DiffList({ title, tone, entries }: { title: string; tone: string; entries: { key: string; text: string; notes: string[] }[] }) {
  if (entries.length === 0) return null;
  return (
    <section aria-label={title} className="mt-3">
      <h4 className={`font-medium ${tone}`}>{title}</h4>
      <ul className="mt-1 list-disc space-y-1 pl-5">
        {entries.map((entry) => (
          <li key={entry.key}>
            <span className="font-medium">{entry.text}</span>
            <span className="text-slate-600"> — {entry.notes.join("; ")}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
