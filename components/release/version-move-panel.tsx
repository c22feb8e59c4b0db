"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { ActionError } from "@/components/ui/action-error";
import { InlineMarkdown } from "@/components/ui/inline-markdown";
import { moveReleaseVersionAction } from "@/lib/actions/releases/move-release-version-action";
import type { TVersionMovePreview } from "@/lib/data/releases/move-release-version";

function Changes({ title, items }: { title: string; items: { key: string; text: string }[] }) {
  if (items.length === 0) return null;
  return (
    <>
      <h3 className="mt-2 text-xs font-semibold text-slate-700">
        {title} ({items.length})
      </h3>
      <ul className="list-disc pl-5 text-xs text-slate-700">
        {items.slice(0, 8).map((item) => (
          <li key={item.key}>
            <InlineMarkdown source={item.text} />
          </li>
        ))}
        {items.length > 8 ? <li>…and {items.length - 8} more</li> : null}
      </ul>
    </>
  );
}

/** What moving to the template's newest version would do, and (for release managers) the button that does it. */
export function VersionMovePanel({ releaseId, preview, canMove }: { releaseId: string; preview: TVersionMovePreview; canMove: boolean }) {
  const router = useRouter();
  const [state, action, isPending] = useActionState(moveReleaseVersionAction, null);
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  const { plan } = preview;
  return (
    <section aria-label="Template version" className="border-t border-slate-200 pt-3 text-sm">
      <h2 className="font-semibold">Version {preview.to.number} of the template</h2>
      <p className="mt-1 text-xs text-slate-600">
        This release uses version {preview.from}. Moving keeps the state, evidence and comments of every item that stays, and voids the sign-offs.
      </p>
      <Changes title="Added" items={plan.added} />
      <Changes title="Removed (with their evidence and comments)" items={plan.removed} />
      <Changes title="Changed" items={plan.changed.map((c) => c.after)} />
      {canMove ? (
        <form action={action} className="mt-2 space-y-2">
          <input type="hidden" name="releaseId" value={releaseId} />
          <input type="hidden" name="templateVersionId" value={preview.to.id} />
          <button type="submit" disabled={isPending} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-60">
            {isPending ? "Moving…" : `Move to version ${preview.to.number}`}
          </button>
          <ActionError state={state} />
        </form>
      ) : null}
    </section>
  );
}
