"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { createReleaseAction } from "@/lib/actions/releases/create-release-action";
import type { TTemplateVersionOption } from "@/lib/data/templates/list-template-versions";
import { ActionError } from "@/components/ui/action-error";
import { PendingButton } from "@/components/ui/pending-button";

const input = "mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm";

export function NewReleaseForm({ versions }: { versions: TTemplateVersionOption[] }) {
  const router = useRouter();
  const [state, action] = useActionState(createReleaseAction, null);
  const [versionId, setVersionId] = useState(versions[0]?.id ?? "");
  const levels = versions.find((v) => v.id === versionId)?.levels ?? [];
  useEffect(() => {
    if (state?.ok) router.push(`/releases/${state.data.releaseId}`);
  }, [state, router]);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const fieldError = (name: string) => (errors[name]?.[0] ? <span className="mt-1 block text-xs text-red-700">{errors[name][0]}</span> : null);

  return (
    <form action={action} className="grid max-w-2xl gap-4 rounded-xl border border-slate-200 bg-white p-6 sm:grid-cols-2">
      <label className="text-sm font-medium sm:col-span-2">
        Template
        <select name="templateVersionId" value={versionId} onChange={(e) => setVersionId(e.target.value)} className={input}>
          {versions.map((v) => (
            <option key={v.id} value={v.id}>
              {v.label}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm font-medium sm:col-span-2">
        Release name
        <input name="name" required placeholder="Checkout 2.5.0" className={input} />
        {fieldError("name")}
      </label>
      <label className="text-sm font-medium">
        Service
        <input name="service" required placeholder="checkout" className={input} />
        {fieldError("service")}
      </label>
      <label className="text-sm font-medium">
        Version
        <input name="version" required placeholder="2.5.0" className={input} />
        {fieldError("version")}
      </label>
      <label className="text-sm font-medium">
        Environment
        <input name="environment" required defaultValue="production" className={input} />
        {fieldError("environment")}
      </label>
      <label className="text-sm font-medium">
        Target date
        <input name="targetDate" type="date" className={input} />
      </label>
      <label className="text-sm font-medium">
        Target commit <span className="font-normal text-slate-500">(optional: CI results for another commit will not count)</span>
        <input name="targetCommit" className={`${input} font-mono`} placeholder="e.g. 3f9c2ab" />
        {fieldError("targetCommit")}
      </label>
      {levels.length > 0 ? (
        <label className="text-sm font-medium">
          Target level
          <select name="targetLevel" className={input} defaultValue="">
            <option value="">All items</option>
            {levels.map((level) => (
              <option key={level} value={level}>
                {level}
              </option>
            ))}
          </select>
          {fieldError("targetLevel")}
        </label>
      ) : null}
      <div className="sm:col-span-2">
        {/* Once created, it keeps waiting while the new release loads. */}
        <PendingButton pendingText="Creating…" pending={state?.ok ? true : undefined} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          Create release
        </PendingButton>
        <ActionError state={state} className="mt-2" />
      </div>
    </form>
  );
}
