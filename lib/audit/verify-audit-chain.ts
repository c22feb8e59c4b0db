import type { TDb } from "@/lib/db";

export type TChainReport =
  | { ok: true; count: number; headHash: string | null }
  | { ok: false; count: number; broken: { seq: string; id: string | null; problem: string } };

type TRow = { id: string; seq: bigint; prev_hash: string | null; hash: string; expected: string };

const BATCH = 2_000;

/**
 * Walks the audit chain in order: sequence numbers without gaps, each event pointing at
 * its predecessor's hash, each hash matching the event's canonical content. Stops at the
 * first break and says which event and why.
 */
export async function verifyAuditChain(db: TDb): Promise<TChainReport> {
  let count = 0;
  let previous = null as { seq: bigint; hash: string } | null;
  for (;;) {
    const after: bigint = previous?.seq ?? BigInt(0);
    const rows: TRow[] = await db.$queryRaw<TRow[]>`
      SELECT e.id::text AS id, e.seq, e.prev_hash, e.hash, audit_event_hash(e) AS expected
      FROM audit_events e WHERE e.seq > ${after} ORDER BY e.seq LIMIT ${BATCH}`;
    for (const row of rows as TRow[]) {
      const expectedSeq: bigint = (previous?.seq ?? BigInt(0)) + BigInt(1);
      const at = { seq: row.seq.toString(), id: row.id };
      if (row.seq !== expectedSeq) {
        return { ok: false, count, broken: { ...at, problem: `event ${expectedSeq} is missing (deleted, or history reordered)` } };
      }
      if ((row.prev_hash ?? null) !== (previous?.hash ?? null)) {
        return { ok: false, count, broken: { ...at, problem: "its link to the previous event does not match (an event before it was changed or removed)" } };
      }
      if (row.hash !== row.expected) {
        return { ok: false, count, broken: { ...at, problem: "its content does not match its hash (the event was altered)" } };
      }
      count += 1;
      previous = { seq: row.seq, hash: row.hash };
    }
    if (rows.length < BATCH) return { ok: true, count, headHash: previous?.hash ?? null };
  }
}
