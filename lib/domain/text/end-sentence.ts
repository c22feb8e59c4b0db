// Terminal punctuation, then any closing quotes or brackets: “Run the script.” already ends.
const ENDED = /[.!?…][”’"')\]]*$/u;

/**
 * The text as a finished sentence: a full stop is added unless it already ends in one
 * (or ! ? …), so a quoted item text that ends in "." does not give `.”.`.
 */
export function endSentence(text: string): string {
  const trimmed = text.trimEnd();
  return ENDED.test(trimmed) ? trimmed : `${trimmed}.`;
}
