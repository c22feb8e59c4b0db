"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef, useState, useTransition } from "react";
import { importTemplateAction } from "@/lib/actions/templates/import-template-action";
import { previewChecklistAction } from "@/lib/actions/templates/preview-checklist-action";
import { ITEM_KINDS, type TImportMode, type TItemKind } from "@/lib/domain/checklist/types";
import { InlineMarkdown } from "@/components/ui/inline-markdown";
import { plainInlineText } from "@/lib/domain/markdown/inline-markdown";
import { MAX_SOURCE_BYTES, readSource, tooLargeError } from "@/lib/domain/markdown/read-source";
import { describeSignOffSummary, type TChecklistSummary } from "@/lib/domain/markdown/summarize-checklist";
import { ActionError } from "@/components/ui/action-error";
import { PendingButton } from "@/components/ui/pending-button";
import { checkingText, formatBytes, readingText, savingText } from "@/components/ui/progress-format";
import { estimateOutline, type TOutline } from "@/lib/domain/markdown/estimate-outline";
import { WorkProgress } from "@/components/ui/work-progress";

type TSection = TChecklistSummary["sections"][number];
type TRoleChoice = { title: string; kind: TItemKind };
/** Where a chosen file is: read in the browser (bytes known, so a determinate bar), then checked by the server. */
type TFileStage = { kind: "reading"; bytes: number; loaded: number } | { kind: "checking"; bytes: number; outline: TOutline };

/** A file's bytes, with progress as the browser reads them. */
function readWithProgress(file: File, onProgress: (loaded: number) => void): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (event) => onProgress(event.loaded);
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error("The file could not be read."));
    reader.readAsArrayBuffer(file);
  });
}

const ROLE_LABELS: Record<TItemKind, string> = {
  CHECK: "Plain checks",
  GO_CRITERION: "Go criteria",
  NO_GO_CONDITION: "No-go conditions",
};

const ITEM_PREFIX: Partial<Record<TItemKind, string>> = { GO_CRITERION: "GO IF", NO_GO_CONDITION: "NO-GO IF" };

function SectionTree({ sections, onRole }: { sections: TSection[]; onRole: (section: TSection, kind: TItemKind) => void }) {
  return (
    <ul className="space-y-2 pl-4">
      {sections.map((section) => (
        <li key={section.number}>
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium">
              <InlineMarkdown source={section.title} />
            </span>
            <span className="text-slate-500">({section.items.length} items)</span>
            {section.items.length > 0 ? (
              <label className="ml-auto flex items-center gap-1 text-xs text-slate-600">
                <span className="sr-only">Role of {plainInlineText(section.title)}</span>
                <span aria-hidden="true">Role</span>
                <select
                  value={section.role}
                  onChange={(event) => onRole(section, event.target.value as TItemKind)}
                  className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs"
                >
                  {ITEM_KINDS.map((kind) => (
                    <option key={kind} value={kind}>
                      {ROLE_LABELS[kind]}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
          </div>
          {section.items.length > 0 ? (
            <ul className="list-disc pl-5 text-slate-700">
              {section.items.slice(0, 5).map((item, i) => (
                <li key={i}>
                  {ITEM_PREFIX[item.kind] ? <span className="mr-1 text-xs font-semibold text-slate-600">{ITEM_PREFIX[item.kind]}</span> : null}
                  <InlineMarkdown source={item.text} />
                  {item.owner ? <span className="text-slate-500"> · Owner: {item.owner}</span> : null}
                  {item.children.length ? <span className="text-slate-500"> (+{item.children.length} nested)</span> : null}
                </li>
              ))}
              {section.items.length > 5 ? <li className="text-slate-500">…{section.items.length - 5} more</li> : null}
            </ul>
          ) : null}
          {section.sections.length > 0 ? <SectionTree sections={section.sections} onRole={onRole} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** The role choices that still name the same section (a choice is dropped when editing moves its section). */
function currentRoles(choices: Record<string, TRoleChoice>, summary: TChecklistSummary | undefined): Record<string, TItemKind> {
  const titles = new Map<number, string>();
  const visit = (sections: TSection[]) => sections.forEach((s) => (titles.set(s.number, s.title), visit(s.sections)));
  if (summary) visit(summary.sections);
  return Object.fromEntries(Object.entries(choices).flatMap(([n, c]) => (!summary || titles.get(Number(n)) === c.title ? [[n, c.kind]] : [])));
}

export function ImportTemplateForm({ templateId }: { templateId?: string }) {
  const router = useRouter();
  const [source, setSource] = useState("");
  const [mode, setMode] = useState<TImportMode | null>(null);
  const [preview, setPreview] = useState<{ summary?: TChecklistSummary; error?: string } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [choices, setChoices] = useState<Record<string, TRoleChoice>>({});
  const [fileStage, setFileStage] = useState<TFileStage | null>(null);
  /** The latest chosen file's number: the answer for a file chosen before it is dropped. */
  const fileRead = useRef(0);
  const [isPreviewing, startPreview] = useTransition();
  const [state, action, isSaving] = useActionState(importTemplateAction, null);
  const roles = currentRoles(choices, preview?.summary);
  const rolesJson = JSON.stringify(roles);

  useEffect(() => {
    if (!source.trim()) return;
    const timer = setTimeout(() => {
      // Said here, not sent: a body past the server's 2 MB limit would fail as a request.
      const bytes = new TextEncoder().encode(source).byteLength;
      if (bytes > MAX_SOURCE_BYTES) return setPreview({ error: tooLargeError(bytes) });
      startPreview(async () => {
        try {
          const result = await previewChecklistAction(source, mode, JSON.parse(rolesJson) as Record<string, TItemKind>);
          setPreview(result.ok ? { summary: result.data.summary } : { error: result.error });
        } catch {
          setPreview({ error: "The preview could not be made. Check your connection and try again." });
        }
      });
    }, 300);
    return () => clearTimeout(timer);
  }, [source, mode, rolesJson]);

  // A chosen file goes to the server as its bytes, which decides like the CLI does: UTF-8
  // (or UTF-16 with a byte order mark) is read, anything else is refused with its reason.
  // The browser reads it first, with progress, and refuses what the server would refuse by
  // the same check (readSource) without sending it; what it reads gives the words shown
  // while the server checks it.
  const readFile = async (file: File) => {
    const read = ++fileRead.current;
    const isLatest = () => fileRead.current === read;
    const refuse = (error: string) => {
      setFileStage(null);
      setFileError(error);
    };
    setFileError(null);
    if (file.size > MAX_SOURCE_BYTES) return refuse(tooLargeError(file.size));
    setFileStage({ kind: "reading", bytes: file.size, loaded: 0 });
    let buffer: ArrayBuffer;
    try {
      buffer = await readWithProgress(file, (loaded) => {
        if (isLatest()) setFileStage({ kind: "reading", bytes: file.size, loaded });
      });
    } catch {
      if (isLatest()) refuse(`${file.name}: The file could not be read. Choose it again.`);
      return;
    }
    if (!isLatest()) return;
    const decoded = readSource(new Uint8Array(buffer));
    if (!decoded.ok) return refuse(`${file.name}: ${decoded.error}`);
    setFileStage({ kind: "checking", bytes: buffer.byteLength, outline: estimateOutline(decoded.text, mode) });
    try {
      const result = await previewChecklistAction(new Blob([buffer], { type: file.type || "text/markdown" }), mode);
      if (!isLatest()) return;
      if (!result.ok) return setFileError(`${file.name}: ${result.error}`);
      setChoices({});
      setPreview({ summary: result.data.summary });
      setSource(result.data.text ?? "");
    } catch {
      if (isLatest()) setFileError("The file could not be sent. Check your connection and try again.");
    } finally {
      if (isLatest()) setFileStage(null);
    }
  };

  useEffect(() => {
    if (state?.ok) router.push(`/templates/${state.data.templateId}`);
  }, [state, router]);

  const summary = source.trim() ? preview?.summary : undefined;
  // A chosen file's stages are shown by the file, publishing's by its button.
  const fileProgress =
    fileStage?.kind === "reading"
      ? { status: readingText(fileStage.bytes), value: fileStage.loaded, max: fileStage.bytes, detail: `${formatBytes(fileStage.loaded)} of ${formatBytes(fileStage.bytes)}` }
      : fileStage?.kind === "checking"
        ? { status: checkingText(fileStage.outline) }
        : null;
  return (
    <form action={action} className="grid gap-6 lg:grid-cols-2">
      <div className="space-y-3">
        {templateId ? <input type="hidden" name="templateId" value={templateId} /> : null}
        <input type="hidden" name="mode" value={mode ?? ""} />
        <input type="hidden" name="sectionRoles" value={rolesJson} />
        <label className="block text-sm font-medium">
          Markdown file
          <input
            type="file"
            accept=".md,.markdown,text/markdown,text/plain"
            className="mt-1 block text-sm"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void readFile(file);
            }}
          />
        </label>
        <WorkProgress
          label="Import progress"
          status={fileProgress?.status ?? ""}
          active={fileProgress !== null}
          value={fileProgress?.value}
          max={fileProgress?.max}
          detail={fileProgress?.detail}
          stage={fileStage?.kind}
        />
        {fileError ? (
          <p role="alert" className="text-sm text-red-700">
            {fileError}
          </p>
        ) : null}
        <label className="block text-sm font-medium">
          Or paste it
          <textarea
            name="source"
            value={source}
            onChange={(event) => setSource(event.target.value)}
            rows={18}
            placeholder={"# Release readiness\n\n## Security\n\n- [ ] Secrets are in the secret manager"}
            className="mt-1 w-full rounded-md border border-slate-300 p-2 font-mono text-xs"
          />
        </label>
        <fieldset className="flex flex-wrap gap-4 text-sm">
          <legend className="mb-1 font-medium">Which list items become checklist items</legend>
          {([
            [null, "Detect"],
            ["tasks", "Task items only (- [ ])"],
            ["lists", "Every list item"],
          ] as const).map(([value, label]) => (
            <label key={label} className="flex items-center gap-2">
              <input type="radio" name="modeChoice" checked={mode === value} onChange={() => setMode(value)} /> {label}
            </label>
          ))}
        </fieldset>
        <PendingButton
          pendingText="Publishing…"
          disabled={!summary || fileStage !== null || state?.ok}
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {templateId ? "Publish new version" : "Publish template"}
        </PendingButton>
        <WorkProgress
          label="Publish progress"
          status={isSaving ? (summary ? savingText(summary.items) : "Saving…") : state?.ok ? "Published. Opening the template…" : ""}
          active={isSaving}
        />
        <ActionError state={state} />
      </div>
      <section aria-label="Preview" aria-live="polite" className="rounded-xl border border-slate-200 bg-white p-4 text-sm">
        <h2 className="font-semibold">Preview {isPreviewing ? <span className="text-xs font-normal text-slate-500">updating…</span> : null}</h2>
        {!source.trim() ? <p className="mt-2 text-slate-600">Paste Markdown or choose a file to see what will be imported. Nothing is saved until you publish.</p> : null}
        {source.trim() && preview?.error ? (
          <p role="alert" className="mt-2 text-red-700">
            {preview.error}
          </p>
        ) : null}
        {summary ? (
          <div className="mt-2 space-y-3">
            <p>
              <span className="font-medium">{summary.title}</span>: {summary.items} items ({summary.topLevelItems} top-level), {summary.mode} mode
              {summary.criteria.go ? `, ${summary.criteria.go} go criteria` : ""}
              {summary.criteria.noGo ? `, ${summary.criteria.noGo} no-go conditions` : ""}
              {summary.levels.length ? `, levels ${summary.levels.join(" < ")}` : ""}
            </p>
            {describeSignOffSummary(summary.signOff).map((line) => (
              <p key={line}>{line}</p>
            ))}
            {summary.warnings.map((warning) => (
              <p key={warning} className="text-amber-800">
                {warning}
              </p>
            ))}
            <p className="text-xs text-slate-600">Each section&apos;s role decides what its items are; change it here before publishing.</p>
            <SectionTree
              sections={summary.sections}
              onRole={(section, kind) => setChoices((previous) => ({ ...previous, [section.number]: { title: section.title, kind } }))}
            />
          </div>
        ) : null}
      </section>
    </form>
  );
}
