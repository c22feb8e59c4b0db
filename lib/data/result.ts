export type TResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; code: "invalid" | "not_found" | "conflict"; fieldErrors?: Record<string, string[]> };

export const ok = <T>(data: T): TResult<T> => ({ ok: true, data });

export function fail<T>(code: "invalid" | "not_found" | "conflict", error: string, fieldErrors?: Record<string, string[]>): TResult<T> {
  return { ok: false, code, error, ...(fieldErrors ? { fieldErrors } : {}) };
}
