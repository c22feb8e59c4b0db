import { describe, expect, it } from "vitest";
import { diffVersions } from "@/lib/domain/checklist/diff-versions";

const item = (key: string, text = key, kind = "CHECK", severity = "BLOCKING") => ({ key, text, kind, severity });

describe("template version diff", () => {
  it("reports added, removed and changed items by key", () => {
    const diff = diffVersions([item("a"), item("b"), item("c", "Old text")], [item("a"), item("c", "New text"), item("d")]);
    expect(diff.added.map((i) => i.key)).toEqual(["d"]);
    expect(diff.removed.map((i) => i.key)).toEqual(["b"]);
    expect(diff.changed).toEqual([{ key: "c", before: item("c", "Old text"), after: item("c", "New text") }]);
  });

  it("counts a change of kind or severity as a change", () => {
    const diff = diffVersions([item("a")], [item("a", "a", "GO_CRITERION")]);
    expect(diff.changed).toHaveLength(1);
  });

  it("finds nothing between identical versions", () => {
    expect(diffVersions([item("a")], [item("a")])).toEqual({ added: [], removed: [], changed: [] });
  });
});
