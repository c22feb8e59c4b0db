"use client";

import { useReleaseLive } from "@/components/release/release-store";
import { LocalTime } from "@/components/ui/local-time";
import { seatStandingText, signOffSummaryText } from "@/lib/domain/sign-off/seat-views";

/**
 * The release's sign-off table from the page's store: each seat, who may sign it, who signed
 * it and how, what it still needs, and who must sign again after a change voided their
 * signature. Updated at once by every action on the page.
 */
export function SignOffSeats() {
  const { signOffTable, signOffRequested, status } = useReleaseLive();
  const { seats, isSignedOff, isHeld } = signOffTable;
  const mustSignAgain = [...new Set(seats.flatMap((s) => s.mustSignAgain))];
  const summary = signOffSummaryText(signOffTable);
  const isClosed = status === "SHIPPED" || status === "CANCELLED";
  return (
    <section aria-label="Sign-off seats" className="space-y-2 text-sm">
      <p role="status" className={isSignedOff ? "font-medium text-emerald-800" : isHeld ? "font-medium text-red-700" : "text-slate-700"}>
        {summary}
      </p>
      {mustSignAgain.length > 0 && !isClosed ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-2 py-1 text-xs text-amber-900">
          A change voided their signatures: <span className="font-semibold">{mustSignAgain.join(", ")}</span> must sign again.
        </p>
      ) : null}
      {signOffRequested && !isSignedOff && !isClosed ? (
        <p className="text-xs text-slate-600">
          Sign-off asked for{signOffRequested.by ? ` by ${signOffRequested.by}` : ""} <LocalTime iso={signOffRequested.at} mode="relative" />.
        </p>
      ) : null}
      <ul aria-label="Sign-off seats" className="space-y-2">
        {seats.map((seat) => (
          <li key={seat.key} aria-label={seat.name} className={`rounded-lg border p-2 ${seat.isFilled ? "border-emerald-300" : seat.signatures.some((s) => s.decision === "NO_GO") ? "border-red-300" : "border-slate-200"}`}>
            <p className="flex flex-wrap items-baseline justify-between gap-x-2">
              <span className="font-medium text-slate-900">
                {seat.name}
                {seat.releaseOnly ? <span className="ml-1 text-xs font-normal text-slate-500">(this release only)</span> : null}
              </span>
              <span className={`text-xs font-medium ${seat.isFilled ? "text-emerald-800" : "text-slate-600"}`}>
                {seatStandingText(seat)}
              </span>
            </p>
            <p className="text-xs text-slate-600">
              For {seat.fillers}
              {seat.required > 1 ? ` · ${seat.required} signatures` : ""}
            </p>
            {seat.signatures.map((s, i) => (
              <p key={i} className="mt-1 break-words text-xs">
                <span className="font-medium">{s.decision === "GO" ? "Go" : "No-go"}</span> by {s.signer} · <LocalTime iso={s.signedAt} />
                {s.selfApproved ? " · changed items this round" : ""}
                {s.comment ? <> · “{s.comment}”</> : null}
              </p>
            ))}
            {seat.mustSignAgain.length > 0 ? <p className="mt-1 text-xs text-amber-900">Must sign again: {seat.mustSignAgain.join(", ")}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
