import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ReasonMessage } from "@/components/release/reason-message";
import { InlineMarkdown } from "@/components/ui/inline-markdown";
import { seatStandingText, signOffSummaryText } from "@/lib/domain/sign-off/seat-views";
import { LocalTime } from "@/components/ui/local-time";
import { PrintButton } from "@/components/ui/print-button";
import { requireCurrentActor } from "@/lib/auth/current-actor";
import { itemStatusLabel } from "@/lib/domain/checklist/types";
import { requestNow } from "@/lib/clock";
import { getReleaseView, type TItemView, type TSectionView } from "@/lib/data/releases/get-release-view";
import { isId } from "@/lib/http/params";

export const metadata: Metadata = { title: "Sign-off report" };


function ItemLines({ items, depth }: { items: TItemView[]; depth: number }) {
  return items.map((item) => (
    <tr key={item.id} className="border-b border-slate-200 align-top">
      <td className="py-1 pr-2" style={{ paddingLeft: `${depth * 1}rem` }}>
        <InlineMarkdown source={item.text} />
        {item.evidence.map((e) => (
          <div key={e.id} className="text-xs text-slate-600 wrap-anywhere">Evidence: {e.url ?? e.note}</div>
        ))}
        {item.naReason ? <div className="text-xs text-slate-600">N/A: {item.naReason}</div> : null}
        {item.children.length ? <table className="w-full"><tbody><ItemLines items={item.children} depth={depth + 1} /></tbody></table> : null}
      </td>
      <td className="py-1 pr-2 whitespace-nowrap">{itemStatusLabel(item.status, item.kind)}</td>
      <td className="py-1 wrap-anywhere">{item.owner ?? ""}</td>
    </tr>
  ));
}

function SectionTable({ section }: { section: TSectionView }) {
  return (
    <section className="mt-4 break-inside-avoid-page">
      <h3 className="font-semibold">
        <InlineMarkdown source={section.title} />
      </h3>
      <table className="w-full text-sm">
        <tbody>
          <ItemLines items={section.items} depth={0} />
        </tbody>
      </table>
      {section.sections.map((child) => <SectionTable key={child.id} section={child} />)}
    </section>
  );
}

export default async function SignOffReportPage({ params }: { params: Promise<{ releaseId: string }> }) {
  const { releaseId } = await params;
  const actor = await requireCurrentActor();
  if (!isId(releaseId)) notFound();
  const view = await getReleaseView(actor, releaseId, { now: await requestNow() });
  if (!view) notFound();
  const { release, verdict } = view;
  return (
    <article className="bg-white p-4 sm:p-6 print:p-0">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold">Sign-off report: {release.name}</h1>
          <p className="text-sm text-slate-600">
            {release.service} {release.version} → {release.environment} · {release.templateTitle} v{release.templateVersion} · generated <LocalTime iso={new Date().toISOString()} printUtc />
          </p>
        </div>
        <PrintButton />
      </div>
      <h2 className="mt-6 text-lg font-semibold">Verdict: {verdict.verdict.replaceAll("_", " ")}</h2>
      <p className="text-sm">{verdict.progress.satisfied} of {verdict.progress.total} blocking items satisfied.</p>
      {verdict.reasons.length ? <ul className="list-disc pl-5 text-sm">{verdict.reasons.map((r, i) => <li key={i}><ReasonMessage message={r.message} itemText={r.itemText} /></li>)}</ul> : null}
      <h2 className="mt-6 text-lg font-semibold">Exceptions</h2>
      {verdict.exceptions.length ? (
        <ul className="list-disc pl-5 text-sm">
          {verdict.exceptions.map((e) => <li key={e.itemKey}>{e.via === "WAIVER" ? "Waived" : "Not applicable"}: <InlineMarkdown source={e.itemText} /></li>)}
        </ul>
      ) : <p className="text-sm">None.</p>}
      <h2 className="mt-6 text-lg font-semibold">Sign-off seats</h2>
      <p className="text-sm">
        {signOffSummaryText(view.signOffTable)}
      </p>
      <table className="mt-2 w-full text-left text-sm">
        <caption className="sr-only">Sign-off seats, who may sign them and who signed</caption>
        <thead className="border-b border-slate-300 text-xs uppercase tracking-wide text-slate-600">
          <tr><th scope="col" className="py-1 pr-2">Seat</th><th scope="col" className="py-1 pr-2">Signed</th><th scope="col" className="py-1">Standing</th></tr>
        </thead>
        <tbody>
          {view.signOffTable.seats.map((seat) => (
            <tr key={seat.key} className="border-b border-slate-200 align-top">
              <th scope="row" className="py-1 pr-2 font-medium">
                {seat.name}
                <div className="text-xs font-normal text-slate-600">for {seat.fillers}{seat.required > 1 ? `, ${seat.required} signatures` : ""}{seat.releaseOnly ? ", this release only" : ""}</div>
              </th>
              <td className="py-1 pr-2">
                {seat.signatures.length === 0 ? "—" : seat.signatures.map((sig, i) => (
                  <div key={i} className="wrap-anywhere">
                    {sig.decision === "GO" ? "GO" : "NO-GO"} — {sig.signer}, <LocalTime iso={sig.signedAt} printUtc />{sig.comment ? `: “${sig.comment}”` : ""}
                  </div>
                ))}
              </td>
              <td className="py-1">{seatStandingText(seat)}{seat.mustSignAgain.length ? ` · must sign again: ${seat.mustSignAgain.join(", ")}` : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 className="mt-6 text-lg font-semibold">Signatures</h2>
      {view.signOffs.length ? (
        <ul className="text-sm">
          {view.signOffs.map((s) => (
            <li key={s.id} className="wrap-anywhere">
              {s.decision === "GO" ? "GO" : "NO-GO"} — {s.signer} ({s.capacity}), <LocalTime iso={s.signedAt} printUtc />, verdict then {s.verdictAtSigning.replaceAll("_", " ")}, content hash <code className="text-xs">{s.contentHash.slice(0, 12)}</code>
              {s.invalidatedAt ? ` — invalidated: ${s.invalidatedReason}` : " — valid"}
            </li>
          ))}
        </ul>
      ) : <p className="text-sm">Not signed.</p>}
      <h2 className="mt-6 text-lg font-semibold">Checklist</h2>
      {view.sections.map((section) => <SectionTable key={section.id} section={section} />)}
    </article>
  );
}
