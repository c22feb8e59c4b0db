// How people are named on a sign-off seat, shared by the Markdown reader (sign-off-lines.ts)
// and the template editor, whose bundle imports this file: nothing here parses Markdown.

/** An email address as a seat names a person: one "@" with something on either side, no spaces. Linear: no backtracking. */
export function isSeatEmail(value: string): boolean {
  const at = value.indexOf("@");
  return at > 0 && at === value.lastIndexOf("@") && at < value.length - 1 && !/\s/u.test(value);
}

/** "Checkout, SRE ,, Payments" → ["Checkout", "SRE", "Payments"]: what a comma-separated field names. */
export function splitCommaList(text: string): string[] {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}
