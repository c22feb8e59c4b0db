import { ReasonText } from "@/components/release/reason-text";
import { InlineMarkdown } from "@/components/ui/inline-markdown";

/** A verdict's reason with the item's text formatted as Markdown, for server components. */
export function ReasonMessage({ message, itemText, isInsideLink = false }: { message: string; itemText: string | null; isInsideLink?: boolean }) {
  return <ReasonText message={message} itemText={itemText} rendered={itemText ? <InlineMarkdown source={itemText} isInsideLink={isInsideLink} /> : undefined} />;
}
