import { InlineMarkdown } from "@/components/ui/inline-markdown";

/**
 * A verdict's reason: our words around the item's text (see evaluateItem), the item's text
 * formatted as Markdown and the rest as it is. Server and client components both use it.
 */
export function ReasonMessage({ message, itemText, isInsideLink = false }: { message: string; itemText: string | null; isInsideLink?: boolean }) {
  const at = itemText ? message.indexOf(itemText) : -1;
  if (!itemText || at < 0) return message;
  return (
    <>
      {message.slice(0, at)}
      <InlineMarkdown source={itemText} isInsideLink={isInsideLink} />
      {message.slice(at + itemText.length)}
    </>
  );
}
