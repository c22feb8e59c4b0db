import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ReasonMessage } from "@/components/release/reason-message";
import { InlineMarkdown } from "@/components/ui/inline-markdown";
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
          <div key={e.id} className="text-xs text-slate-600">Evidence: {e.url ?? e.note}</div>
        ))}
        {item.naReason ? <div className="text-xs text-slate-600">N/A: {item.naReason}</div> : null}
        {item.children.length ? <table className="w-full"><tbody><ItemLines items={item.children} depth={depth + 1} /></tbody></table> : null}
      </td>
      <td className="py-1 pr-2 whitespace-nowrap">{itemStatusLabel(item.status, item.kind)}</td>
      <td className="py-1">{item.owner ?? ""}</td>
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
    <article className="bg-white p-6 print:p-0">
      <div className="flex items-start justify-between">
        <div>
          <h1 className="text-2xl font-semibold">Sign-off report: {release.name}</h1>
          <p className="text-sm text-slate-600">
            {release.service} {release.version} → {release.environment} · {release.templateTitle} v{release.templateVersion} · generated {new Date().toISOString().slice(0, 16).replace("T", " ")} UTC
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
      <h2 className="mt-6 text-lg font-semibold">Signatures</h2>
      {view.signOffs.length ? (
        <ul className="text-sm">
          {view.signOffs.map((s) => (
            <li key={s.id}>
              {s.decision === "GO" ? "GO" : "NO-GO"} — {s.signer} ({s.capacity}), {s.signedAt.slice(0, 16).replace("T", " ")} UTC, verdict then {s.verdictAtSigning.replaceAll("_", " ")}
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
