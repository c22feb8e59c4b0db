"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { ActionError } from "@/components/ui/action-error";
import { PendingButton } from "@/components/ui/pending-button";
import { moveReleaseVersionAction } from "@/lib/actions/releases/move-release-version-action";

/** Moves the release to the given version; the page is rendered again with its new items. */
export function MoveReleaseVersionForm({ releaseId, versionId, number }: { releaseId: string; versionId: string; number: number }) {
  const router = useRouter();
  const [state, action] = useActionState(moveReleaseVersionAction, null);
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  return (
    <form action={action} className="mt-2 space-y-2">
      <input type="hidden" name="releaseId" value={releaseId} />
      <input type="hidden" name="templateVersionId" value={versionId} />
      <PendingButton pendingText={`Moving to version ${number}…`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-60">
        {`Move to version ${number}`}
      </PendingButton>
      <ActionError state={state} />
    </form>
  );
}
