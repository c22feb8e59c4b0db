import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildChecklistTree, flattenChecklist, type TItemRow } from "@/lib/domain/checklist/flatten-checklist";
import { walkSectionItems, type TChecklist, type TChecklistItem, type TChecklistSection } from "@/lib/domain/checklist/types";
import { EXPORT_MARKER } from "@/lib/domain/markdown/item-meta";
import { parseChecklist } from "@/lib/domain/markdown/parse-checklist";
import { computeVerdict } from "@/lib/domain/verdict/compute-verdict";
import type { TVerdictItem } from "@/lib/domain/verdict/types";

function parse(markdown: string): TChecklist {
  const result = parseChecklist(markdown);
  if (!result.ok) throw new Error(result.error);
  return result.checklist;
}

const toVerdictItem = (row: TItemRow): TVerdictItem => ({ ...row, evidence: [], waivers: [] });
const byPosition = <T extends { position: number }>(rows: T[]) => [...rows].sort((a, b) => a.position - b.position);

const doc = `${EXPORT_MARKER}
# Service readiness

## Build

- [ ] Tests pass
  - [ ] Unit tests
  - [x] Lint
- [ ] Artifacts signed
  - Status: Blocked

### Packaging

- [ ] Image built
  - [ ] Image scanned

## Operations

- [ ] Runbook written
  - [ ] Rollback steps
- [ ] Alerts wired

## No-Go if any are true

- [ ] Open sev-1 incident
  - Status: Holds
- [x] Data migration unreviewed
- [ ] Error budget exhausted
  - Status: holds
`;

describe("checklist order: positions", () => {
  const checklist = parse(doc);
  const rows = flattenChecklist(checklist.sections);

  it("numbers items in document order across the whole checklist, children right after their parent", () => {
    expect(byPosition(rows.items).map((i) => i.text)).toEqual([
      "Tests pass",
      "Unit tests",
      "Lint",
      "Artifacts signed",
      "Image built",
      "Image scanned",
      "Runbook written",
      "Rollback steps",
      "Alerts wired",
      "Open sev-1 incident",
      "Data migration unreviewed",
      "Error budget exhausted",
    ]);
    expect(rows.items.map((i) => i.position)).toEqual(rows.items.map((_, index) => index));
  });

  it("numbers sections in document order, a section before its subsections", () => {
    expect(byPosition(rows.sections).map((s) => s.title)).toEqual(["Build", "Packaging", "Operations", "No-Go if any are true"]);
    expect(rows.sections.map((s) => s.position)).toEqual([0, 1, 2, 3]);
  });

  it("rebuilds the same tree from the rows, in whatever order they are read", () => {
    // The rows keep no section roles: the items carry their kinds.
    const withoutRoles = (sections: TChecklistSection[]): TChecklistSection[] =>
      sections.map(({ role: _role, ...section }) => ({ ...section, sections: withoutRoles(section.sections) }));
    expect(buildChecklistTree([...rows.sections].reverse(), [...rows.items].reverse())).toEqual(withoutRoles(checklist.sections));
  });
});

describe("checklist order: the verdict's reasons", () => {
  it("lists no-go conditions that hold first, then blocked items, then unfinished ones, each in document order", () => {
    const rows = flattenChecklist(parse(doc).sections);
    const verdict = computeVerdict({ items: byPosition(rows.items).map(toVerdictItem), levels: [], targetLevel: null, now: new Date() });
    expect(verdict.verdict).toBe("NO_GO");
    expect(verdict.reasons.map((r) => [r.code, r.itemText])).toEqual([
      ["NO_GO_CONDITION_HOLDS", "Open sev-1 incident"],
      ["NO_GO_CONDITION_HOLDS", "Error budget exhausted"],
      ["BLOCKED", "Artifacts signed"],
      ["NOT_DONE", "Tests pass"],
      ["NOT_DONE", "Unit tests"],
      ["NOT_DONE", "Image built"],
      ["NOT_DONE", "Image scanned"],
      ["NOT_DONE", "Runbook written"],
      ["NOT_DONE", "Rollback steps"],
      ["NOT_DONE", "Alerts wired"],
    ]);
    expect(verdict.counts.blocked).toBe(3);
    expect(verdict.counts.notDone).toBe(7);
  });
});

// Arbitrary checklists: a few levels of sections, each with a few levels of items.
const arbItem: fc.Arbitrary<TChecklistItem> = fc.letrec<{ item: TChecklistItem }>((tie) => ({
  item: fc.record({
    text: fc.string({ minLength: 1, maxLength: 8 }),
    children: fc.oneof({ depthSize: "small" }, fc.constant<TChecklistItem[]>([]), fc.array(tie("item"), { maxLength: 3 })),
  }).map(({ text, children }) => ({
    key: "",
    text,
    detail: null,
    kind: "CHECK" as const,
    severity: "BLOCKING" as const,
    evidenceRequired: false,
    evidenceMaxAgeDays: null,
    requiredLevel: null,
    status: "OPEN" as const,
    owner: null,
    naReason: null,
    evidenceLinks: [],
    children,
  })),
})).item;
const arbSection: fc.Arbitrary<TChecklistSection> = fc.letrec<{ section: TChecklistSection }>((tie) => ({
  section: fc.record({
    title: fc.string({ minLength: 1, maxLength: 8 }),
    items: fc.array(arbItem, { maxLength: 3 }),
    sections: fc.oneof({ depthSize: "small" }, fc.constant<TChecklistSection[]>([]), fc.array(tie("section"), { maxLength: 3 })),
  }),
})).section;

/** Gives every item a unique key, as the importer does, so rows can be told apart. */
function keyed(sections: TChecklistSection[]): TChecklistSection[] {
  let n = 0;
  const items = (list: TChecklistItem[]): TChecklistItem[] => list.map((item) => ({ ...item, key: `item-${n++}`, children: items(item.children) }));
  const walk = (list: TChecklistSection[]): TChecklistSection[] =>
    list.map((section) => ({ ...section, items: items(section.items), sections: walk(section.sections) }));
  return walk(sections);
}

describe("checklist order: properties", () => {
  it("item positions are 0…n-1 in document order, and the tree survives a shuffle of its rows", () => {
    fc.assert(
      fc.property(fc.array(arbSection, { maxLength: 4 }).map(keyed), fc.infiniteStream(fc.nat()), (sections, randoms) => {
        const rows = flattenChecklist(sections);
        const documentOrder = [...walkSectionItems(sections)].map(({ item }) => item.key);
        expect(byPosition(rows.items).map((i) => i.key)).toEqual(documentOrder);
        expect(rows.items.map((i) => i.position)).toEqual(documentOrder.map((_, index) => index));
        expect(rows.sections.map((s) => s.position)).toEqual(rows.sections.map((_, index) => index));
        const shuffle = <T>(list: T[]) => list.map((x) => [randoms.next().value as number, x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x);
        expect(buildChecklistTree(shuffle(rows.sections), shuffle(rows.items))).toEqual(sections);
      }),
    );
  });
});
