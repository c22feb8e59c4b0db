import type { TItemKind } from "@/lib/domain/checklist/types";

// Section titles that give their items a role, as readiness documents phrase them. Titles
// are compared as words: emoji, numbering ("1.", "2)", "A."), punctuation and case go first,
// so "## 1. Go if all are true", "### 🛑 No-Go if any are true" and "Go criteria:" read
// like "go if all are true", "no go if any are true" and "go criteria".
//
// Go criteria: a title that starts with "go" and goes on as a rule ("go if", "go when",
// "go criteria", "go conditions", or just "Go"), or names criteria a release must meet
// ("exit / launch / release / ship / acceptance / go-live criteria", "definition of done",
// "definition of ready"). Not: "Go-Live Day", "Go-Live Checklist", "Going further",
// "Goals": an event or a plan, not a rule.
// No-go conditions: "no go …", "nogo …", "stop / abort / kill criteria or conditions",
// "showstoppers", "release blockers".
// A title naming both ("Go / No-Go Criteria") gives no role: its subsections say which.

const NUMBERING = /^(?:(?:step|phase|part|section)\s+)?(?:\d+(?:\.\d+)*|[a-z]|[ivx]+)[.):]\s+/i;

/** A title as words: lower case, letters and digits only, numbering and symbols removed. */
export function titleWords(title: string): string {
  const words = title
    .normalize("NFKC")
    .replace(/[^\p{L}\p{N}\s./):-]/gu, " ")
    .trim()
    .replace(NUMBERING, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  return words.replace(/^(?:\d+ )+/, "");
}

const GO_RULE = /^go(?: (?:if|when|once|criteria|criterion|conditions?|requirements?|rules?|checks?)\b|$)/;
const GO_CRITERIA = /\b(?:exit|launch|release|ship|shipping|acceptance|go live|golive|readiness|success) criteria\b|\bdefinition of (?:done|ready)\b/;
const NO_GO = /^(?:no ?go\b|nogo\b)|\b(?:stop|abort|kill|no go) (?:criteria|conditions?|triggers?)\b|\bshow ?stoppers?\b|\brelease blockers?\b/;
const MENTIONS_NO_GO = /\bno ?go\b|\bnogo\b/;

export function classifySection(title: string): TItemKind | null {
  const words = titleWords(title);
  const mentionsNoGo = MENTIONS_NO_GO.test(words);
  if (NO_GO.test(words)) {
    // "No-Go / Go criteria" names both roles.
    const rest = words.replace(/\bno ?go\b|\bnogo\b/g, "");
    return /\bgo\b/.test(rest) && !/^\s*(?:if|when)\b/.test(rest) ? null : "NO_GO_CONDITION";
  }
  if (mentionsNoGo) return null;
  if (GO_RULE.test(words) || GO_CRITERIA.test(words)) return "GO_CRITERION";
  return null;
}
