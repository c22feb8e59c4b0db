"use client";

import { useRef, useState, type MouseEvent } from "react";
import {
  createRecordCounter,
  exportDetail,
  formatBytes,
  formatCount,
  plural,
  totalFromHeader,
} from "@/components/ui/progress-format";
import { AUDIT_EXPORT_FORMATS, auditExportFile, type TAuditExportFormat } from "@/lib/domain/audit/audit-export-file";
import { WorkProgress } from "@/components/ui/work-progress";

const LINK = "rounded-md border border-slate-300 bg-white px-2 py-1 aria-disabled:opacity-60";
/** How often the numbers on screen move while a large export streams in. */
const REDRAW_MS = 150;

type TRun = { format: TAuditExportFormat; events: number; bytes: number; total: number | null };
type TOutcome = { kind: "done" | "cancelled"; text: string } | { kind: "error"; text: string };

/** Why an export was refused, from the route's JSON ({ error }) or its status. */
async function refusal(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown };
    if (typeof body.error === "string") return body.error;
  } catch {
    // Not JSON: the status says it.
  }
  return `The export failed (HTTP ${response.status}). Try again.`;
}

/** Hands the browser a file to save, as a download link would. */
function save(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked once the download has taken the blob.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The audit page's export links. They are plain download links (without JavaScript, or opened
 * in a new tab, they download as they always did); a click reads the export as it streams and
 * shows how many events and bytes have arrived (of the total the route announces, when it
 * could count them), then saves it under the name the route gives.
 */
export function AuditExportLinks({ query }: { query: string }) {
  const [run, setRun] = useState<TRun | null>(null);
  const [outcome, setOutcome] = useState<TOutcome | null>(null);
  const abort = useRef<AbortController | null>(null);
  const hrefOf = (format: TAuditExportFormat) => `/audit/export?${query}&format=${format}`;

  const download = async (format: TAuditExportFormat) => {
    const controller = new AbortController();
    abort.current = controller;
    setOutcome(null);
    setRun({ format, events: 0, bytes: 0, total: null });
    const name = format.toUpperCase();
    try {
      const response = await fetch(hrefOf(format), { signal: controller.signal, cache: "no-store" });
      if (!response.ok) {
        setOutcome({ kind: "error", text: await refusal(response) });
        return;
      }
      const total = totalFromHeader(response.headers.get("X-Total-Count"));
      const { name: filename, type } = auditExportFile(format);
      const counter = createRecordCounter(format);
      const decoder = new TextDecoder();
      const chunks: BlobPart[] = [];
      let bytes = 0;
      let drawn = 0;
      let tail = "";
      const add = (text: string) => {
        counter.add(text);
        tail = (tail + text).slice(-4);
      };
      setRun({ format, events: 0, bytes: 0, total });
      if (response.body) {
        const reader = response.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          chunks.push(value);
          bytes += value.byteLength;
          add(decoder.decode(value, { stream: true }));
          if (performance.now() - drawn > REDRAW_MS) {
            drawn = performance.now();
            setRun({ format, events: counter.records, bytes, total });
          }
        }
        add(decoder.decode());
      } else {
        const text = await response.text();
        chunks.push(text);
        bytes = new TextEncoder().encode(text).byteLength;
        add(text);
      }
      // The log only grows, so fewer events than announced, or JSON without its closing
      // bracket, is an export the server stopped: it is not saved as if it were whole.
      if ((total !== null && counter.records < total) || (format === "json" && !tail.endsWith("]\n"))) {
        setOutcome({
          kind: "error",
          text: `The ${name} export ended early, after ${total === null ? plural(counter.records, "event") : `${formatCount(counter.records)} of ${plural(total, "event")}`}. Try again, or narrow the filters.`,
        });
        return;
      }
      save(new Blob(chunks, { type }), filename);
      setOutcome({ kind: "done", text: `Exported ${plural(counter.records, "event")} (${formatBytes(bytes)}) as ${filename}.` });
    } catch (error) {
      if (controller.signal.aborted) setOutcome({ kind: "cancelled", text: `${name} export cancelled.` });
      else setOutcome({ kind: "error", text: `The ${name} export stopped before it finished${error instanceof Error && error.message ? ` (${error.message})` : ""}. Try again, or narrow the filters.` });
    } finally {
      if (abort.current === controller) abort.current = null;
      setRun(null);
    }
  };

  const onClick = (event: MouseEvent<HTMLAnchorElement>, format: TAuditExportFormat) => {
    // A new tab, a new window or "save link as" stay the browser's.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    // One export at a time (the ref is set at once; state only on the next render).
    if (abort.current) return;
    void download(format);
  };

  const status = run ? `Exporting ${run.format.toUpperCase()}…` : outcome?.kind === "error" ? "" : (outcome?.text ?? "");
  return (
    <div className="flex min-w-64 flex-col items-end gap-1">
      <nav aria-label="Export" className="flex items-center gap-2 text-sm">
        {AUDIT_EXPORT_FORMATS.map((format) => (
          <a key={format} href={hrefOf(format)} onClick={(event) => onClick(event, format)} aria-disabled={run ? true : undefined} className={LINK}>
            Export {format.toUpperCase()}
          </a>
        ))}
        {run ? (
          <button type="button" onClick={() => abort.current?.abort()} className="rounded-md px-2 py-1 text-slate-700 underline">
            Cancel export
          </button>
        ) : null}
      </nav>
      <WorkProgress
        label="Export progress"
        status={status}
        active={run !== null}
        value={run?.events}
        max={run?.total}
        detail={run ? exportDetail({ events: run.events, total: run.total, bytes: run.bytes }) : undefined}
        stage={run?.format}
        className="w-full text-right"
      />
      {outcome?.kind === "error" ? (
        <p role="alert" className="text-sm text-red-700">
          {outcome.text}
        </p>
      ) : null}
    </div>
  );
}
