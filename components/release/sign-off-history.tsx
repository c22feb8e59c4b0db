"use client";

import { useReleaseLive } from "@/components/release/release-store";
import { LocalTime } from "@/components/ui/local-time";
import { endSentence } from "@/lib/domain/text/end-sentence";

/** The release's sign-offs, newest first, from the page's store: a change that voids one shows at once. */
export function SignOffHistory() {
  const { signOffs } = useReleaseLive();
  if (signOffs.length === 0) return <p className="text-sm text-slate-600">Not signed off yet.</p>;
  return (
    <ul aria-label="Sign-offs" className="space-y-2 text-sm">
      {signOffs.map((s) => (
        <li key={s.id} className={`rounded-lg border p-3 ${s.invalidatedAt ? "border-slate-200 bg-slate-50 text-slate-600" : "border-emerald-300 bg-white"}`}>
          <p className="font-medium text-slate-900">
            {s.decision === "GO" ? "Go" : "No-go"} by {s.signer}
            {s.invalidatedAt ? " — no longer valid" : ""}
          </p>
          <p className="text-xs">
            {s.capacity} · verdict then: {s.verdictAtSigning.replaceAll("_", " ").toLowerCase()} · <LocalTime iso={s.signedAt} />
          </p>
          {s.comment ? <p className="mt-1 break-words text-xs">“{s.comment}”</p> : null}
          {s.invalidatedReason ? <p className="mt-1 break-words text-xs text-red-700">Invalidated: {endSentence(s.invalidatedReason)} A new sign-off is needed.</p> : null}
        </li>
      ))}
    </ul>
  );
}
