import type { TActionResult } from "@/lib/actions/action-result";

/** Why a form's server action was refused, announced to screen readers; nothing otherwise. */
export function ActionError({ state, className = "" }: { state: TActionResult<unknown> | null; className?: string }) {
  if (!state || state.ok) return null;
  return (
    <p role="alert" className={`text-sm text-red-700 ${className}`.trim()}>
      {state.error}
    </p>
  );
}
