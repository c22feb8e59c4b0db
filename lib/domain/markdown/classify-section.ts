import type { TItemKind } from "@/lib/domain/checklist/types";

// Section titles that give their items a kind, as readiness documents phrase them:
// "Go if all are true", "Definition of Done" → go criteria; "No-Go if any are true" → no-go.
const NO_GO = /^\s*no[\s-]*go\b/i;
const GO = /^\s*go\b(?!\s*\/)|\bdefinition of done\b|\b(exit|release|ship|launch) criteria\b/i;

export function classifySection(title: string): TItemKind | null {
  if (NO_GO.test(title)) return "NO_GO_CONDITION";
  if (GO.test(title)) return "GO_CRITERION";
  return null;
}
