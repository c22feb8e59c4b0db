/**
 * A form field as a string ("" when absent), for zod to validate. A server action is a public
 * endpoint: whatever arrives in place of the form (JSON, nothing) reads as empty fields.
 */
export function field(formData: unknown, name: string): string {
  if (!(formData instanceof FormData)) return "";
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}
