import { walkSectionItems, type TChecklist, type TChecklistItem, type TChecklistSection, type TItemKind } from "@/lib/domain/checklist/types";
import { DEFAULT_SIGN_OFF_POLICY, describeSeatFillers } from "@/lib/domain/sign-off/sign-off-policy";

type TItemSummary = { text: string; done: boolean; kind: TChecklistItem["kind"]; owner: string | null; children: TItemSummary[] };
type TSectionSummary = {
  /** The section's number for a role choice (section-roles.ts): depth first, from 0. */
  number: number;
  title: string;
  /** What its items are: plain checks, go criteria or no-go conditions. */
  role: TItemKind;
  /** Whether its heading (or a choice) says so, rather than the section around it. */
  roleFromHeading: boolean;
  items: TItemSummary[];
  sections: TSectionSummary[];
};

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
  signOff: TSignOffSummary;
};

/** The sign-off seats a version imported from the document has. */
export type TSignOffSummary = {
  /** The document names no seat: the default one, a release manager's (or an admin's) GO. */
  isDefault: boolean;
  /** `fillers`: who may fill the seat, in words (describeSeatFillers). */
  seats: { name: string; fillers: string; required: number }[];
  allowMultipleSeats: boolean;
  allowSelfApproval: boolean;
};

function summarizeSignOff(checklist: TChecklist): TSignOffSummary {
  const policy = checklist.signOff ?? DEFAULT_SIGN_OFF_POLICY;
  return {
    isDefault: !checklist.signOff,
    seats: policy.seats.map((seat) => ({ name: seat.name, fillers: describeSeatFillers(seat), required: seat.required })),
    allowMultipleSeats: policy.allowMultipleSeats,
    allowSelfApproval: policy.allowSelfApproval,
  };
}

/**
 * The import preview's lines about sign-off: "Sign-off: Release manager (a release manager or
 * admin); Security (sam@example.com, 2 signatures)", then the rules that differ from the
 * default ones, if any ("Sign-off rules: one person may fill several seats; no self-approval").
 */
export function describeSignOffSummary(signOff: TSignOffSummary): string[] {
  if (signOff.isDefault) return ["Sign-off: the release manager's seat (default)"];
  const seats = signOff.seats.map((seat) => `${seat.name} (${seat.fillers}${seat.required === 1 ? "" : `, ${seat.required} signatures`})`);
  const rules = [...(signOff.allowMultipleSeats ? ["one person may fill several seats"] : []), ...(signOff.allowSelfApproval ? [] : ["no self-approval"])];
  return [`Sign-off: ${seats.join("; ")}`, ...(rules.length ? [`Sign-off rules: ${rules.join("; ")}`] : [])];
}

const summarizeItem = (item: TChecklistItem): TItemSummary => ({
  text: item.text,
  done: item.status === "DONE",
  kind: item.kind,
  owner: item.owner,
  children: item.children.map(summarizeItem),
});

function summarizeSections(sections: TChecklistSection[], counter = { next: 0 }, inherited: TItemKind = "CHECK"): TSectionSummary[] {
  return sections.map((section) => {
    const number = counter.next++;
    const role = section.role?.kind ?? section.items[0]?.kind ?? inherited;
    return {
      number,
      title: section.title,
      role,
      roleFromHeading: section.role?.fromHeading ?? false,
      items: section.items.map(summarizeItem),
      sections: summarizeSections(section.sections, counter, role),
    };
  });
}

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
    sections: summarizeSections(checklist.sections),
    signOff: summarizeSignOff(checklist),
  };
}
