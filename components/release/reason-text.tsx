import type { ReactNode } from "react";

/**
 * A verdict's reason: our words around the item's text (see evaluateItem), with the item's
 * text shown as `rendered` (formatted on the server) or, without it, as written. No Markdown
 * parser here: the release page's client bundle stays small.
 */
export function ReasonText({ message, itemText, rendered }: { message: string; itemText: string | null; rendered?: ReactNode }) {
  const at = itemText ? message.indexOf(itemText) : -1;
  if (!itemText || at < 0) return message;
  return (
    <>
      {message.slice(0, at)}
      {rendered ?? itemText}
      {message.slice(at + itemText.length)}
    </>
  );
}
