"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import { ActionError } from "@/components/ui/action-error";
import { PendingButton } from "@/components/ui/pending-button";
import { addReleaseItemAction } from "@/lib/actions/releases/add-release-item-action";

const input = "w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm";

/** A release manager adds a check to this release only (not to its template). */
export function AddReleaseItemForm({ releaseId, sections }: { releaseId: string; sections: { id: string; title: string }[] }) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [state, action] = useActionState(addReleaseItemAction, null);
  useEffect(() => {
    if (!state?.ok) return;
    form.current?.reset();
    router.refresh();
  }, [state, router]);
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-slate-700">Add an item to this release…</summary>
      <form ref={form} action={action} className="mt-2 space-y-2">
        <input type="hidden" name="releaseId" value={releaseId} />
        <label className="block text-xs text-slate-600">
          Section
          <select name="sectionId" className={input} defaultValue={sections[0]?.id}>
            {sections.map((section) => (
              <option key={section.id} value={section.id}>
                {section.title}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-xs text-slate-600">
          What to check
          <input name="text" required maxLength={2000} className={input} />
        </label>
        <label className="block text-xs text-slate-600">
          Role
          <select name="kind" className={input} defaultValue="CHECK">
            <option value="CHECK">Check</option>
            <option value="GO_CRITERION">Go criterion</option>
            <option value="NO_GO_CONDITION">No-go condition</option>
          </select>
        </label>
        <PendingButton pendingText="Adding…" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-60">
          Add item
        </PendingButton>
        <p className="text-xs text-slate-500">It is marked “Release only” and voids the sign-offs.</p>
        <ActionError state={state} />
      </form>
    </details>
  );
}
