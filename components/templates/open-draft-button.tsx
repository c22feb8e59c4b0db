"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { WaitingButton } from "@/components/ui/pending-button";
import { openTemplateDraftAction } from "@/lib/actions/templates/template-draft-actions";

/** Opens the template's draft in the editor (starting one from its latest version), or a new template's. */
export function OpenDraftButton({ templateId, label, className }: { templateId?: string; label: string; className: string }) {
  const router = useRouter();
  const [isPending, setIsPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function open() {
    setIsPending(true);
    setError(null);
    try {
      const result = await openTemplateDraftAction(templateId ? { templateId } : {});
      if (result.ok) router.push(`/templates/drafts/${result.data.draftId}`);
      else setError(result.error);
    } catch {
      setError("Preflight could not be reached. Try again in a moment.");
    } finally {
      setIsPending(false);
    }
  }
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <WaitingButton onClick={() => void open()} isPending={isPending} pendingText="Opening…" className={className}>
        {label}
      </WaitingButton>
      {error ? (
        <span role="alert" className="text-sm text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}
