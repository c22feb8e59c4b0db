import type { TLiveItem } from "@/lib/data/releases/live-item";

export type TFailCode = "invalid" | "not_found" | "conflict" | "busy";

export type TFailure = {
  ok: false;
  error: string;
  code: TFailCode;
  fieldErrors?: Record<string, string[]>;
  /** On a conflict over an item: its state now, so the screen can show it instead of the user's stale copy. */
  current?: TLiveItem;
};

export type TResult<T> = { ok: true; data: T } | TFailure;

export const ok = <T>(data: T): TResult<T> => ({ ok: true, data });

/** A refusal; it fits any TResult (the type parameter is kept for call sites that name one). */
export function fail<_T = never>(code: TFailCode, error: string, fieldErrors?: Record<string, string[]>, current?: TLiveItem): TFailure {
  return { ok: false, code, error, ...(fieldErrors ? { fieldErrors } : {}), ...(current ? { current } : {}) };
}
