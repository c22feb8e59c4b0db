import { describe, expect, it } from "vitest";
import { checklistFromDraft, diffChecklists, draftProblems } from "@/lib/domain/checklist/draft-checklist";
import { editDraft, newDraftItem, newDraftSection, placeOf, ROOT, walkDraftItems, type TDraftContent } from "@/lib/domain/checklist/template-draft";

// The editor's edits on a draft tree, what stops a publish, and the diff a reviewer reads.

function sample(): TDraftContent {
  let draft: TDraftContent = { title: "T", levels: ["Bronze", "Silver"], sections: [] };
  draft = editDraft(draft, { type: "section.add", parentId: ROOT, section: newDraftSection("a", "A") });
  draft = editDraft(draft, { type: "section.add", parentId: ROOT, section: newDraftSection("b", "B") });
  for (const id of ["a1", "a2", "a3"]) draft = editDraft(draft, { type: "item.add", parentId: "a", item: newDraftItem(id, id.toUpperCase()) });
  draft = editDraft(draft, { type: "item.add", parentId: "a1", item: newDraftItem("a1x", "A1X") });
  return draft;
}
const ids = (draft: TDraftContent) => [...walkDraftItems(draft.sections)].map((i) => i.id);

describe("editing a draft", () => {
  it("moves an item within its list, to another section and under another item, and never into itself", () => {
    const draft = sample();
    expect(ids(editDraft(draft, { type: "item.move", id: "a1", parentId: "a", index: 1 }))).toEqual(["a2", "a1", "a1x", "a3"]);
    expect(ids(editDraft(draft, { type: "item.move", id: "a3", parentId: "a", index: 0 }))).toEqual(["a3", "a1", "a1x", "a2"]);
    const moved = editDraft(draft, { type: "item.move", id: "a2", parentId: "b", index: 0 });
    expect(moved.sections[1]!.items.map((i) => i.id)).toEqual(["a2"]);
    expect(placeOf(moved, "a2")).toEqual({ parentId: "b", index: 0, length: 1 });
    expect(placeOf(editDraft(draft, { type: "item.move", id: "a3", parentId: "a1", index: 0 }), "a3")).toEqual({ parentId: "a1", index: 0, length: 2 });
    expect(editDraft(draft, { type: "item.move", id: "a1", parentId: "a1x", index: 0 })).toBe(draft);
    expect(editDraft(draft, { type: "item.move", id: "a1", parentId: "nowhere", index: 0 })).toBe(draft);
  });

  it("moves, nests and removes sections, and leaves the draft it was given unchanged", () => {
    const draft = sample();
    const before = JSON.stringify(draft);
    expect(editDraft(draft, { type: "section.move", id: "b", parentId: ROOT, index: 0 }).sections.map((s) => s.id)).toEqual(["b", "a"]);
    const nested = editDraft(draft, { type: "section.move", id: "b", parentId: "a", index: 0 });
    expect(placeOf(nested, "b")).toEqual({ parentId: "a", index: 0, length: 1 });
    expect(editDraft(nested, { type: "section.move", id: "a", parentId: "b", index: 0 })).toBe(nested);
    expect(ids(editDraft(draft, { type: "section.remove", id: "a" }))).toEqual([]);
    expect(JSON.stringify(draft)).toBe(before);
  });

  it("renames and removes levels with the items that require them, and reorders them", () => {
    let draft = editDraft(sample(), { type: "item.update", id: "a2", patch: { requiredLevel: "Silver" } });
    draft = editDraft(draft, { type: "level.rename", index: 1, name: "Gold" });
    expect(draft.levels).toEqual(["Bronze", "Gold"]);
    expect([...walkDraftItems(draft.sections)].find((i) => i.id === "a2")?.requiredLevel).toBe("Gold");
    expect(editDraft(draft, { type: "level.move", from: 1, to: 0 }).levels).toEqual(["Gold", "Bronze"]);
    const removed = editDraft(draft, { type: "level.remove", index: 1 });
    expect(removed.levels).toEqual(["Bronze"]);
    expect([...walkDraftItems(removed.sections)].find((i) => i.id === "a2")?.requiredLevel).toBeNull();
  });
});

describe("publishing a draft", () => {
  it("says what stops a publish", () => {
    let draft: TDraftContent = { title: " ", levels: ["GA", "ga", ""], sections: [newDraftSection("s", "")] };
    expect(draftProblems(draft).map((p) => p.field)).toEqual(["title", "levels", "levels", "title", "items"]);
    draft = { title: "T", levels: ["GA"], sections: [{ ...newDraftSection("s", "S"), items: [{ ...newDraftItem("i", "Check"), requiredLevel: "Beta", evidenceMaxAgeDays: 3 }] }] };
    expect(draftProblems(draft).map((p) => p.message)).toEqual([
      "“Check” requires the level “Beta”, which the levels do not list.",
      "“Check” has a maximum evidence age but does not require evidence.",
    ]);
  });

  it("gives new items keys from their text that no earlier item had, and keeps existing keys", () => {
    const draft: TDraftContent = {
      title: "T",
      levels: [],
      sections: [{ ...newDraftSection("s", "S"), items: [{ ...newDraftItem("old", "Renamed"), key: "original" }, newDraftItem("n1", "Smoke *test*"), newDraftItem("n2", "Smoke test")] }],
    };
    const checklist = checklistFromDraft(draft, ["smoke-test"]);
    expect(checklist.sections[0]!.items.map((i) => i.key)).toEqual(["original", "smoke-test-2", "smoke-test-3"]);
  });

  it("describes added, removed and changed items, levels and title", () => {
    const before = checklistFromDraft(sample(), []);
    let after = editDraft(sample(), { type: "item.update", id: "a2", patch: { kind: "GO_CRITERION", requiredLevel: "Silver", owner: "sre@example.com", detail: "More" } });
    after = editDraft(after, { type: "item.move", id: "a3", parentId: "b", index: 0 });
    after = editDraft(after, { type: "item.remove", id: "a1x" });
    after = editDraft(after, { type: "level.add", name: "Gold" });
    after = editDraft(after, { type: "title", title: "T2" });
    const diff = diffChecklists(before, checklistFromDraft(after, []));
    expect(diff.removed.map((i) => i.text)).toEqual(["A1X"]);
    expect(diff.added).toEqual([]);
    expect(diff.changed).toEqual([
      { key: "a2", text: "A2", changes: ["Detail added", "Role: check → go criterion", "Level: none → Silver", "Default owner: none → sre@example.com"] },
      { key: "a3", text: "A3", changes: ["Section: A → B"] },
    ]);
    expect(diff.levels).toEqual({ before: ["Bronze", "Silver"], after: ["Bronze", "Silver", "Gold"] });
    expect(diff.title).toEqual({ before: "T", after: "T2" });
    expect(diffChecklists(null, checklistFromDraft(sample(), [])).added).toHaveLength(4);
  });
});

describe("what an edit leaves alone", () => {
  it("keeps the entries it does not touch as the same objects (the editor re-renders only what changed)", () => {
    const draft = sample();
    const edited = editDraft(draft, { type: "item.update", id: "a2", patch: { text: "New" } });
    expect(edited.sections[1]).toBe(draft.sections[1]);
    expect(edited.sections[0]!.items[0]).toBe(draft.sections[0]!.items[0]);
    expect(edited.sections[0]!.items[1]).not.toBe(draft.sections[0]!.items[1]);
    const removed = editDraft(draft, { type: "item.remove", id: "a1x" });
    expect(removed.sections[0]!.items[2]).toBe(draft.sections[0]!.items[2]);
    expect(removed.sections[1]).toBe(draft.sections[1]);
  });
});
