import "server-only";
import { seatStandingText } from "@/lib/domain/sign-off/seat-views";
import { strToU8, zipSync } from "fflate";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";
import { getReleaseView, type TItemView, type TSectionView } from "@/lib/data/releases/get-release-view";
import { itemStatusLabel } from "@/lib/domain/checklist/types";

type TEventRow = {
  seq: bigint; id: string; created_at: Date; actor_label: string; action: string; entity_type: string; entity_id: string;
  before: unknown; after: unknown; request_id: string | null; ip: string | null; user_agent: string | null;
  prev_hash: string | null; hash: string; canonical: string;
};

const escape = (text: unknown) => String(text ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function itemsHtml(items: TItemView[]): string {
  return `<ul>${items
    .map(
      (i) => `<li><b>${escape(itemStatusLabel(i.status, i.kind))}</b> ${escape(i.text)}${i.owner ? ` — ${escape(i.owner)}` : ""}${i.naReason ? ` (N/A: ${escape(i.naReason)})` : ""}
      ${i.evidence.map((e) => `<div>Evidence: ${escape(e.url ?? e.note)} (${escape(e.addedBy)}, ${escape(e.addedAt)})</div>`).join("")}
      ${i.waivers.map((w) => `<div>Waiver by ${escape(w.approver)} until ${escape(w.expiresAt)}: ${escape(w.reason)}; control: ${escape(w.compensatingControl)}${w.revoked ? `; revoked by ${escape(w.revoked.by)} on ${escape(w.revoked.on)}: ${escape(w.revoked.reason)}` : ""}</div>`).join("")}
      ${i.children.length ? itemsHtml(i.children) : ""}</li>`,
    )
    .join("")}</ul>`;
}
const sectionsHtml = (sections: TSectionView[]): string =>
  sections.map((s) => `<h3>${escape(s.title)}</h3>${itemsHtml(s.items)}${sectionsHtml(s.sections)}`).join("");

/**
 * One download per release: evidence-pack.json (checklist, evidence, waivers, sign-offs,
 * the release's audit events with each one's canonical text and chain hashes, so anyone
 * can check sha256(canonical) = hash offline) and report.html to print.
 */
export async function buildEvidencePack(actor: TActor, releaseId: string, db: TDb = getDb()): Promise<{ filename: string; zip: Uint8Array } | null> {
  assertCan(actor, "audit:read");
  const view = await getReleaseView(actor, releaseId, { db });
  if (!view) return null;
  const events = await db.$queryRaw<TEventRow[]>`
    SELECT e.seq, e.id::text AS id, e.created_at, e.actor_label, e.action, e.entity_type, e.entity_id, e.before, e.after,
           e.request_id, e.ip, e.user_agent, e.prev_hash, e.hash, audit_event_canonical(e) AS canonical
    FROM audit_events e WHERE e.release_id = ${releaseId}::uuid ORDER BY e.seq`;
  const pack = {
    generatedAt: new Date().toISOString(),
    generatedBy: actor.label,
    release: view.release,
    verdict: view.verdict,
    sections: view.sections,
    signOffs: view.signOffs,
    /** Each seat: who may sign it, the valid signatures, what it still needs. */
    signOffSeats: view.signOffTable.seats,
    events: events.map((e) => ({ ...e, seq: e.seq.toString(), created_at: e.created_at.toISOString() })),
    verification: {
      canonicalForm: "fields joined by U+001F: seq, prev_hash, id, actor_id, actor_label, action, entity_type, entity_id, release_id, before, after, request_id, ip, user_agent, created_at (UTC, ms)",
      hash: "hex SHA-256 of the UTF-8 canonical text; each event's prev_hash is the hash of the event before it in the whole log",
      wholeChain: "npm run preflight -- verify-audit",
    },
  };
  const { release, verdict } = view;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Evidence pack: ${escape(release.name)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}li{margin:.2rem 0}@media print{body{margin:0}}</style></head><body>
<h1>Evidence pack: ${escape(release.name)}</h1>
<p>${escape(release.service)} ${escape(release.version)} → ${escape(release.environment)} · ${escape(release.templateTitle)} v${release.templateVersion} · generated ${escape(pack.generatedAt)} by ${escape(actor.label)}</p>
<h2>Verdict: ${escape(verdict.verdict.replaceAll("_", " "))}</h2>
<ul>${verdict.reasons.map((r) => `<li>${escape(r.message)}</li>`).join("")}</ul>
<h2>Exceptions</h2><ul>${verdict.exceptions.map((e) => `<li>${escape(e.via)}: ${escape(e.itemText)}</li>`).join("") || "<li>None</li>"}</ul>
<h2>Sign-off seats</h2><ul>${view.signOffTable.seats.map((seat) => `<li>${escape(seat.name)} (for ${escape(seat.fillers)}): ${escape(seatStandingText(seat))}${seat.signatures.map((sig) => `; ${escape(sig.decision)} by ${escape(sig.signer)} at ${escape(sig.signedAt)}${sig.comment ? ` “${escape(sig.comment)}”` : ""}`).join("")}</li>`).join("")}</ul>
<h2>Sign-offs</h2><ul>${view.signOffs.map((s) => `<li>${escape(s.decision)} by ${escape(s.signer)} as ${escape(s.capacity)} at ${escape(s.signedAt)} (verdict ${escape(s.verdictAtSigning)}, content hash ${escape(s.contentHash)})${s.invalidatedAt ? ` — invalidated: ${escape(s.invalidatedReason)}` : ""}</li>`).join("") || "<li>None</li>"}</ul>
<h2>Checklist</h2>${sectionsHtml(view.sections)}
<h2>History (${events.length} events)</h2><ol>${events.map((e) => `<li value="${e.seq}">${escape(e.created_at.toISOString())} ${escape(e.actor_label)} ${escape(e.action)} <code>${escape(e.hash.slice(0, 16))}…</code></li>`).join("")}</ol>
</body></html>`;
  const zip = zipSync({ "evidence-pack.json": strToU8(JSON.stringify(pack, null, 2)), "report.html": strToU8(html) });
  const slug = `${release.service}-${release.version}`.replace(/[^A-Za-z0-9._-]+/g, "-");
  return { filename: `${slug}-evidence-pack.zip`, zip };
}
