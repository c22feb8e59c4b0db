"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { OutlineContext, SectionList, type TOutlineContext } from "@/components/templates/draft-outline";
import { DraftReviewPanel } from "@/components/templates/draft-review-panel";
import { LevelsEditor } from "@/components/templates/levels-editor";
import { SeatsEditor } from "@/components/templates/seats-editor";
import { useReaderZone } from "@/components/ui/local-time";
import type { TActionResult } from "@/lib/actions/action-result";
import { discardTemplateDraftAction, publishTemplateDraftAction, reviewTemplateDraftAction, saveTemplateDraftAction } from "@/lib/actions/templates/template-draft-actions";
import type { TDraftReview } from "@/lib/data/templates/publish-template-draft";
import { formatTimeOfDay, formatUtc, type TReaderZone } from "@/lib/domain/time/format-time";
import { DRAFT_LIMITS, editDraft, newDraftSection, placeOf, ROOT, walkDraftItems, walkDraftSections, type TDraftContent, type TDraftEdit } from "@/lib/domain/checklist/template-draft";

// The template editor: the draft lives here while it is edited and is saved to the server
// shortly after each change (a closed tab loses nothing). A save carries the version it
// started from; when another admin saved in between, the editor stops and says so, and the
// admin chooses to load their draft or to keep theirs. Publishing reviews the saved draft
// (problems and the diff against the previous version) before it creates the version.

const SAVE_DELAY_MS = 600;
const button = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50 disabled:opacity-60";
const primary = "rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";
const input = "w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus:outline-2 focus:outline-brand-600";

type TSaveState =
  | { kind: "saved"; at: string | null }
  | { kind: "pending" }
  | { kind: "saving" }
  | { kind: "conflict"; message: string }
  | { kind: "error"; message: string };

export type TTemplateEditorProps = {
  draftId: string;
  version: number;
  content: TDraftContent;
  updatedAt: string;
  /** The template it edits (null: a new template), and the version it started from. */
  templateId: string | null;
  baseNumber: number | null;
};

function newId(): string {
  return crypto.randomUUID();
}

/** `zone`: the reader's, once the browser knows it; until then (the server, hydration) UTC. */
function stateText(state: TSaveState, zone: TReaderZone | null): string {
  switch (state.kind) {
    case "saved":
      if (!state.at) return "All changes saved";
      return `All changes saved at ${zone ? formatTimeOfDay(state.at, zone) : formatUtc(state.at).slice(11)}`;
    case "pending":
      return "Unsaved changes…";
    case "saving":
      return "Saving…";
    case "conflict":
      return "Not saved: another admin changed this draft";
    case "error":
      return "Not saved";
  }
}

export function TemplateEditor(props: TTemplateEditorProps) {
  const router = useRouter();
  const zone = useReaderZone();
  const [draft, setDraft] = useState(props.content);
  const [saveState, setSaveState] = useState<TSaveState>({ kind: "saved", at: props.updatedAt });
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());
  const [announcement, setAnnouncement] = useState("");
  const [review, setReview] = useState<TDraftReview | null>(null);
  const [busy, setBusy] = useState<"review" | "publish" | "discard" | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [isDiscarding, setIsDiscarding] = useState(false);

  const latest = useRef(draft);
  useLayoutEffect(() => {
    latest.current = draft;
  }, [draft]);
  const saved = useRef(props.content);
  const version = useRef(props.version);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const isStopped = useRef(false);

  /** Saves what is on screen if it differs from what was saved; true when the server has it. */
  const flush = useCallback(
    async (overwrite = false): Promise<boolean> => {
      while (inFlight.current) await inFlight.current;
      const content = latest.current;
      if (content === saved.current && !overwrite) return true;
      if (isStopped.current && !overwrite) return false;
      const run = (async () => {
        setSaveState({ kind: "saving" });
        let result: TActionResult<{ version: number; savedAt: string }>;
        try {
          result = await saveTemplateDraftAction({ draftId: props.draftId, expectedVersion: version.current, content, overwrite });
        } catch {
          result = { ok: false, code: "unavailable", error: "Preflight could not be reached. Your changes are still here; they are saved with your next change, or press “Save now”." };
        }
        if (result.ok) {
          version.current = result.data.version;
          saved.current = content;
          isStopped.current = false;
          setSaveState(latest.current === content ? { kind: "saved", at: result.data.savedAt } : { kind: "pending" });
          return true;
        }
        if (result.code === "conflict") {
          isStopped.current = true;
          setSaveState({ kind: "conflict", message: result.error });
        } else {
          setSaveState({ kind: "error", message: result.error });
        }
        return false;
      })();
      inFlight.current = run;
      try {
        return await run;
      } finally {
        inFlight.current = null;
      }
    },
    [props.draftId],
  );

  // Save shortly after the last change; a review is of the saved draft, so a change ends it.
  useEffect(() => {
    if (draft === saved.current || isStopped.current) return;
    setSaveState({ kind: "pending" });
    setReview(null);
    const timer = setTimeout(() => void flush(), SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, flush]);

  // Leaving with unsaved changes asks first; hiding the tab saves at once.
  useEffect(() => {
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (latest.current !== saved.current) event.preventDefault();
    };
    const hidden = () => {
      if (document.visibilityState === "hidden") void flush();
    };
    window.addEventListener("beforeunload", beforeUnload);
    document.addEventListener("visibilitychange", hidden);
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      document.removeEventListener("visibilitychange", hidden);
    };
  }, [flush]);

  const apply = useCallback((edit: TDraftEdit) => setDraft((current) => editDraft(current, edit)), []);

  const focusHandle = (id: string) => requestAnimationFrame(() => document.getElementById(`move-${id}`)?.focus());

  const nudge = useCallback<TOutlineContext["nudge"]>((id, kind, by) => {
    const current = latest.current;
    const place = placeOf(current, id);
    if (!place) return;
    const index = place.index + by;
    if (index < 0 || index >= place.length) {
      setAnnouncement(by < 0 ? "Already first." : "Already last.");
      return;
    }
    setDraft(editDraft(current, { type: kind === "item" ? "item.move" : "section.move", id, parentId: place.parentId, index }));
    setAnnouncement(`Moved to position ${index + 1} of ${place.length}.`);
    focusHandle(id);
  }, []);

  const drop = useCallback<TOutlineContext["drop"]>((entry, parentId, targetId) => {
    const current = latest.current;
    const target = targetId ? placeOf(current, targetId) : null;
    // Dropped on an entry: it takes that entry's place (after it when dragged down its own list).
    const index = target ? target.index : Number.MAX_SAFE_INTEGER;
    const next = editDraft(current, { type: entry.kind === "item" ? "item.move" : "section.move", id: entry.id, parentId, index });
    if (next === current) return;
    setDraft(next);
    const place = placeOf(next, entry.id);
    if (place) setAnnouncement(`Moved to position ${place.index + 1} of ${place.length}.`);
  }, []);

  const toggle = useCallback((id: string) => {
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);

  const problems = useMemo(() => new Map((review?.problems ?? []).filter((p) => p.id).map((p) => [`${p.id}:${p.field}`, p.message])), [review]);
  // Changes only when a section is added, removed, moved or renamed: typing in an item keeps it.
  const sectionsKey = useMemo(() => JSON.stringify([...walkDraftSections(draft.sections)].map((s) => [s.id, s.title])), [draft.sections]);
  const sections = useMemo(() => JSON.parse(sectionsKey) as [string, string][], [sectionsKey]);
  const moveToSection = useCallback<TOutlineContext["moveToSection"]>((itemId, sectionId) => {
    const next = editDraft(latest.current, { type: "item.move", id: itemId, parentId: sectionId, index: Number.MAX_SAFE_INTEGER });
    if (next === latest.current) return;
    setDraft(next);
    const title = [...walkDraftSections(next.sections)].find((s) => s.id === sectionId)?.title.trim();
    setAnnouncement(`Moved to the end of ${title ? `“${title}”` : "the section"}.`);
    focusHandle(itemId);
  }, []);
  const outline = useMemo<TOutlineContext>(
    () => ({ apply, nudge, drop, newId, levels: draft.levels, expanded, toggle, problems, sections, moveToSection }),
    [apply, nudge, drop, draft.levels, expanded, toggle, problems, sections, moveToSection],
  );

  const itemCount = useMemo(() => [...walkDraftItems(draft.sections)].length, [draft.sections]);

  async function startReview() {
    setFailure(null);
    setBusy("review");
    try {
      if (!(await flush())) return;
      const result = await reviewTemplateDraftAction({ draftId: props.draftId });
      if (!result.ok) setFailure(result.error);
      else {
        setReview(result.data);
        // Settings with a problem are opened so that the admin sees the field.
        const withProblems = result.data.problems.filter((p) => p.id && (p.field === "requiredLevel" || p.field === "evidenceMaxAgeDays")).map((p) => p.id!);
        if (withProblems.length > 0) setExpanded((current) => new Set([...current, ...withProblems]));
        requestAnimationFrame(() => document.getElementById("draft-review")?.focus());
      }
    } catch {
      setFailure("Preflight could not be reached. Try again in a moment.");
    } finally {
      setBusy(null);
    }
  }

  async function publish() {
    if (!review) return;
    setFailure(null);
    setBusy("publish");
    try {
      const result = await publishTemplateDraftAction({ draftId: props.draftId, expectedVersion: review.version });
      if (!result.ok) {
        setFailure(result.error);
        return;
      }
      saved.current = latest.current;
      router.push(`/templates/${result.data.templateId}?version=${result.data.number}`);
    } catch {
      setFailure("Preflight could not be reached. The version may not have been published: reload to check.");
    } finally {
      setBusy(null);
    }
  }

  async function discard() {
    setFailure(null);
    setBusy("discard");
    try {
      const result = await discardTemplateDraftAction({ draftId: props.draftId });
      if (!result.ok && result.code !== "not_found") {
        setFailure(result.error);
        return;
      }
      saved.current = latest.current;
      router.push(props.templateId ? `/templates/${props.templateId}` : "/templates");
    } catch {
      setFailure("Preflight could not be reached. Try again in a moment.");
    } finally {
      setBusy(null);
    }
  }

  const titleProblem = review?.problems.find((p) => p.id === null && p.field === "title");
  return (
    <OutlineContext.Provider value={outline}>
      <div className="sticky top-0 z-10 -mx-2 mb-4 flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white/95 px-2 py-2 backdrop-blur">
        <p role="status" className={`text-sm ${saveState.kind === "conflict" || saveState.kind === "error" ? "text-red-700" : "text-slate-600"}`}>
          {stateText(saveState, zone)}
        </p>
        <span className="text-sm text-slate-500">
          {draft.sections.length} sections · {itemCount} items
        </span>
        <div className="ml-auto flex flex-wrap gap-2">
          {saveState.kind === "error" ? (
            <button type="button" className={button} onClick={() => void flush()}>
              Save now
            </button>
          ) : null}
          {isDiscarding ? (
            <>
              <button type="button" className={`${button} text-red-700`} disabled={busy !== null} onClick={() => void discard()}>
                {busy === "discard" ? "Discarding…" : "Discard this draft"}
              </button>
              <button type="button" className={button} onClick={() => setIsDiscarding(false)}>
                Keep editing
              </button>
            </>
          ) : (
            <button type="button" className={button} onClick={() => setIsDiscarding(true)}>
              Discard…
            </button>
          )}
          <button type="button" className={primary} disabled={busy !== null || saveState.kind === "conflict"} onClick={() => void startReview()}>
            {busy === "review" ? "Checking…" : "Review and publish"}
          </button>
        </div>
      </div>

      {saveState.kind === "conflict" ? (
        <div role="alert" className="mb-4 rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-900">
          <p>{saveState.message}</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <button
              type="button"
              className={button}
              onClick={() => {
                // Dropping my changes is the choice made here: no "leave the page?" prompt.
                saved.current = latest.current;
                window.location.reload();
              }}
            >
              Load their draft (drop my changes)
            </button>
            <button type="button" className={button} onClick={() => void flush(true)}>
              Keep my version (replace theirs)
            </button>
          </div>
        </div>
      ) : null}
      {saveState.kind === "error" ? (
        <p role="alert" className="mb-4 rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {saveState.message}
        </p>
      ) : null}
      {failure ? (
        <p role="alert" className="mb-4 rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {failure}
        </p>
      ) : null}

      {review ? <DraftReviewPanel review={review} isPublishing={busy === "publish"} onPublish={() => void publish()} onClose={() => setReview(null)} /> : null}

      <div className="space-y-6">
        <label className="block text-sm font-medium text-slate-700">
          Checklist title
          <input
            id="draft-title"
            value={draft.title}
            maxLength={DRAFT_LIMITS.title}
            aria-invalid={titleProblem ? true : undefined}
            placeholder="e.g. Payments service production readiness"
            onChange={(event) => apply({ type: "title", title: event.target.value })}
            className={`${input} mt-1 text-base`}
          />
        </label>

        <label className="block text-sm font-medium text-slate-700">
          Description <span className="font-normal text-slate-500">(optional: what the checklist is for, shown on the templates list)</span>
          <textarea
            value={draft.description ?? ""}
            maxLength={DRAFT_LIMITS.description}
            rows={2}
            onChange={(event) => apply({ type: "description", description: event.target.value })}
            className={`${input} mt-1`}
          />
        </label>

        <LevelsEditor levels={draft.levels} apply={apply} onAnnounce={setAnnouncement} />

        <SeatsEditor signOff={draft.signOff} apply={apply} newId={newId} onAnnounce={setAnnouncement} />

        <div>
          <h2 className="mb-2 text-lg font-semibold">Sections and items</h2>
          <p id="outline-move-help" className="mb-3 text-xs text-slate-500">
            To move a section or an item, drag its handle (⠿), or focus the handle and press ↑ or ↓ (Alt+↑/↓ works anywhere in its row).
          </p>
          {draft.sections.length === 0 ? (
            <p className="mb-3 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
              This checklist is empty. Add a section (say “Observability”), then the items to check in it.
            </p>
          ) : null}
          <div className="space-y-4">
            <SectionList sections={draft.sections} />
          </div>
          <button type="button" className={`${button} mt-3`} onClick={() => apply({ type: "section.add", parentId: ROOT, section: newDraftSection(newId()) })}>
            Add a section
          </button>
        </div>
      </div>
      <p aria-live="assertive" className="sr-only">
        {announcement}
      </p>
    </OutlineContext.Provider>
  );
}
