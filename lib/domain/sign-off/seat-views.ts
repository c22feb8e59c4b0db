import { describeSeatFillers, signOffState, type TSignOffPolicy } from "@/lib/domain/sign-off/sign-off-policy";
import { REPLACED_REASON } from "@/lib/domain/sign-off/sign-off-rules";
import type { TVerdictValue } from "@/lib/domain/verdict/types";

/** A sign-off as the record keeps it, any seat, valid or not. */
export type TSignatureRecord = {
  seatKey: string;
  userId: string;
  signer: string;
  decision: "GO" | "NO_GO";
  comment: string | null;
  selfApproved: boolean;
  signedAt: string;
  invalidatedAt: string | null;
  invalidatedReason: string | null;
};

/** One seat of a release's sign-off table, as pages, the report and the evidence pack show it. */
export type TSeatView = {
  key: string;
  name: string;
  /** "a release manager or admin", "team Checkout or sam@example.com". */
  fillers: string;
  required: number;
  releaseOnly: boolean;
  /** The valid signatures, oldest first. */
  signatures: { signer: string; decision: "GO" | "NO_GO"; comment: string | null; signedAt: string; selfApproved: boolean }[];
  isFilled: boolean;
  missing: number;
  /** People whose signature on this seat a later change voided and who have not signed it again. */
  mustSignAgain: string[];
};

export type TSignOffTable = { seats: TSeatView[]; isSignedOff: boolean; isHeld: boolean };

/** Where each seat stands, who signed it, and who must sign it again after a change voided their signature. */
export function signOffTable(policy: TSignOffPolicy, records: TSignatureRecord[], verdict: TVerdictValue | null): TSignOffTable {
  const valid = records.filter((r) => r.invalidatedAt === null);
  const state = signOffState(policy, valid, verdict);
  const seats = state.seats.map((standing): TSeatView => {
    const { seat } = standing;
    const mine = valid.filter((r) => r.seatKey === seat.key).sort((a, b) => a.signedAt.localeCompare(b.signedAt));
    const signedNow = new Set(mine.map((r) => r.userId));
    const mustSignAgain = [
      ...new Set(
        records
          .filter((r) => r.seatKey === seat.key && r.invalidatedAt !== null && r.invalidatedReason !== REPLACED_REASON && !signedNow.has(r.userId))
          .map((r) => r.signer),
      ),
    ];
    return {
      key: seat.key,
      name: seat.name,
      fillers: describeSeatFillers(seat),
      required: seat.required,
      releaseOnly: seat.releaseOnly,
      signatures: mine.map(({ signer, decision, comment, signedAt, selfApproved }) => ({ signer, decision, comment, signedAt, selfApproved })),
      isFilled: standing.isFilled,
      missing: standing.missing,
      mustSignAgain: standing.isFilled ? [] : mustSignAgain,
    };
  });
  return { seats, isSignedOff: state.isSignedOff, isHeld: state.isHeld };
}

/** Where one seat stands, in words: "Signed", "No-go", "Needs 2 more go". */
export function seatStandingText(seat: TSeatView): string {
  if (seat.isFilled) return "Signed";
  return seat.signatures.some((s) => s.decision === "NO_GO") ? "No-go" : `Needs ${seat.missing} more go`;
}

/** Where the whole table stands, in words: "Every seat signed go.", "Held: …", "2 of 3 seats still need a go.". */
export function signOffSummaryText({ seats, isSignedOff, isHeld }: TSignOffTable): string {
  if (isSignedOff) return "Every seat signed go.";
  if (isHeld) return "Held: a seat signed no-go.";
  const open = seats.filter((s) => !s.isFilled).length;
  return `${open} of ${seats.length} seat${seats.length === 1 ? "" : "s"} still need${open === 1 ? "s" : ""} a go.`;
}
