import { walkSectionItems, type TChecklist, type TChecklistItem, type TChecklistSection } from "@/lib/domain/checklist/types";

type TItemSummary = { text: string; done: boolean; kind: TChecklistItem["kind"]; children: TItemSummary[] };
type TSectionSummary = { title: string; items: TItemSummary[]; sections: TSectionSummary[] };

export type TChecklistSummary = {
  title: string;
  mode: TChecklist["mode"];
  items: number;
  topLevelItems: number;
  /** 1 = no nesting. */
  maxDepth: number;
  done: number;
  criteria: { go: number; noGo: number };
  levels: string[];
  warnings: string[];
  sections: TSectionSummary[];
};

const summarizeItem = (item: TChecklistItem): TItemSummary => ({
  text: item.text,
  done: item.status === "DONE",
  kind: item.kind,
  children: item.children.map(summarizeItem),
});

const summarizeSection = (section: TChecklistSection): TSectionSummary => ({
  title: section.title,
  items: section.items.map(summarizeItem),
  sections: section.sections.map(summarizeSection),
});

/** What an import would create, as the CLI's --dry-run --json prints it. */
export function summarizeChecklist(checklist: TChecklist): TChecklistSummary {
  const all = [...walkSectionItems(checklist.sections)];
  return {
    title: checklist.title,
    mode: checklist.mode,
    items: all.length,
    topLevelItems: all.filter(({ depth }) => depth === 1).length,
    maxDepth: all.reduce((max, { depth }) => Math.max(max, depth), 0),
    done: all.filter(({ item }) => item.status === "DONE").length,
    criteria: {
      go: all.filter(({ item }) => item.kind === "GO_CRITERION").length,
      noGo: all.filter(({ item }) => item.kind === "NO_GO_CONDITION").length,
    },
    levels: checklist.levels,
    warnings: checklist.warnings,
    sections: checklist.sections.map(summarizeSection),
  };
}
