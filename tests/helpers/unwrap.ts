/** A data-layer result's data, or a thrown error saying why it failed: for test setup steps that must succeed. */
export function unwrap<T>(result: { ok: true; data: T } | { ok: false; error: string }): T {
  if (!result.ok) throw new Error(result.error);
  return result.data;
}
