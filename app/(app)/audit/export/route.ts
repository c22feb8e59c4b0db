import { toCsv } from "@/lib/domain/csv";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { countAuditEvents, queryAuditEvents, ZAuditFilters, type TAuditRow } from "@/lib/data/audit/list-audit-events";
import { badRequest, parseQuery } from "@/lib/http/params";
import { auditExportFile } from "@/lib/domain/audit/audit-export-file";

export const dynamic = "force-dynamic";
const BATCH = 1_000;
const COLUMNS = ["seq", "created_at", "actor", "action", "entity_type", "entity_id", "release_id", "before", "after", "request_id", "ip", "user_agent", "prev_hash", "hash"];

function toRecord(row: TAuditRow) {
  return {
    seq: row.seq.toString(),
    created_at: row.created_at.toISOString(),
    actor: row.actor_label,
    action: row.action,
    entity_type: row.entity_type,
    entity_id: row.entity_id,
    release_id: row.release_id,
    before: row.before,
    after: row.after,
    request_id: row.request_id,
    ip: row.ip,
    user_agent: row.user_agent,
    prev_hash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * The filtered log, oldest first, streamed batch by batch: never built in memory. When the
 * events can be counted quickly, X-Total-Count says how many there are as the export starts
 * (events written while it runs are exported too), so the page can show how far it has got.
 */
export async function GET(request: Request) {
  const actor = await getCurrentActor();
  if (!actor) return Response.json({ error: "Sign in first." }, { status: 401 });
  if (!can(actor, "audit:read")) return Response.json({ error: "You may not read the audit log." }, { status: 403 });
  const params = new URL(request.url).searchParams;
  const format = params.get("format") === "json" ? "json" : "csv";
  const file = auditExportFile(format);
  const filters = parseQuery(ZAuditFilters, params);
  if (!filters) return badRequest("A filter of this export is malformed: ids are UUIDs, days are YYYY-MM-DD.");
  const encoder = new TextEncoder();
  let afterSeq = BigInt(0);
  let isFirst = true;

  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const rows = await queryAuditEvents(actor, filters, { afterSeq, limit: BATCH, order: "asc" });
      const records = rows.map(toRecord);
      let chunk = "";
      if (isFirst) chunk += format === "csv" ? toCsv([], { header: true, columns: COLUMNS }) : "[\n";
      if (format === "csv") {
        chunk += toCsv(records.map((r) => ({ ...r, before: r.before ? JSON.stringify(r.before) : "", after: r.after ? JSON.stringify(r.after) : "" })), { columns: COLUMNS });
      } else {
        chunk += records.map((r, i) => `${isFirst && i === 0 ? "" : ",\n"}${JSON.stringify(r)}`).join("");
      }
      isFirst = false;
      if (rows.length < BATCH) {
        if (format === "json") chunk += "\n]\n";
        controller.enqueue(encoder.encode(chunk));
        controller.close();
        return;
      }
      afterSeq = rows.at(-1)!.seq;
      controller.enqueue(encoder.encode(chunk));
    },
  });
  // Counted while the stream reads its first batch; a count that fails or is slow is left out.
  const total = await countAuditEvents(actor, filters).catch(() => null);
  return new Response(stream, {
    headers: {
      "Content-Type": file.type,
      "Content-Disposition": `attachment; filename="${file.name}"`,
      "Cache-Control": "no-store",
      ...(total === null ? {} : { "X-Total-Count": String(total) }),
    },
  });
}
