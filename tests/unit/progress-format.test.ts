import { describe, expect, it } from "vitest";
import { checkingText, createRecordCounter, exportDetail, formatBytes, formatCount, formatElapsed, percentOf, plural, readingText, savingText, totalFromHeader } from "@/components/ui/progress-format";
import { estimateOutline } from "@/lib/domain/markdown/estimate-outline";
import { toCsv } from "@/lib/domain/csv";

describe("progress words", () => {
  it("says sizes as a person reads them", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(900)).toBe("900 B");
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(1024)).toBe("1.0 KB");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(10_239)).toBe("10 KB");
    expect(formatBytes(123_456)).toBe("121 KB");
    expect(formatBytes(1_048_575)).toBe("1.0 MB");
    expect(formatBytes(2.4 * 1_048_576)).toBe("2.4 MB");
    expect(formatBytes(750 * 1_048_576)).toBe("750 MB");
    expect(formatBytes(3 * 1_073_741_824)).toBe("3.0 GB");
    expect(formatBytes(5_000 * 1_073_741_824)).toBe("5000 GB");
    expect(formatBytes(-1)).toBe("0 B");
    expect(formatBytes(Number.NaN)).toBe("0 B");
  });

  it("counts, plurals, percentages and elapsed time", () => {
    expect(formatCount(1_234_567)).toBe("1,234,567");
    expect(plural(1, "item")).toBe("1 item");
    expect(plural(0, "item")).toBe("0 items");
    expect(plural(3_400, "item")).toBe("3,400 items");
    expect(percentOf(1, 3)).toBe(33);
    expect(percentOf(5, 3)).toBe(100);
    expect(percentOf(5, null)).toBeNull();
    expect(percentOf(5, 0)).toBeNull();
    expect(formatElapsed(0)).toBe("0 s");
    expect(formatElapsed(59.9)).toBe("59 s");
    expect(formatElapsed(125)).toBe("2 min 05 s");
  });

  it("names the stages of an import", () => {
    expect(readingText(2_500_000)).toBe("Reading file (2.4 MB)…");
    expect(checkingText({ sections: 12, items: 3_400 })).toBe("Checking 12 sections and about 3,400 items…");
    expect(checkingText({ sections: 1, items: 1 })).toBe("Checking 1 section and about 1 item…");
    expect(savingText(3_398)).toBe("Saving 3,398 items…");
  });

  it("says how far an export has got, with or without its total", () => {
    expect(exportDetail({ events: 1_234, total: 5_000, bytes: 1_300_000 })).toBe("1,234 of 5,000 events · 1.2 MB");
    expect(exportDetail({ events: 1_234, total: null, bytes: 2048 })).toBe("1,234 events · 2.0 KB");
    // Events written while it runs are exported too: past the total, only the count is said.
    expect(exportDetail({ events: 5_001, total: 5_000, bytes: 10 })).toBe("5,001 events · 10 B");
    expect(totalFromHeader("5000")).toBe(5000);
    expect(totalFromHeader(" 0 ")).toBe(0);
    expect(totalFromHeader(null)).toBeNull();
    expect(totalFromHeader("-1")).toBeNull();
    expect(totalFromHeader("12abc")).toBeNull();
    expect(totalFromHeader("1".repeat(20))).toBeNull();
  });
});

describe("estimateOutline", () => {
  const DOCUMENT = [
    "# Release readiness",
    "",
    "## Security",
    "",
    "- [ ] Secrets are in the secret manager",
    "- [x] TLS everywhere",
    "  - a nested note",
    "",
    "## No-Go if any are true",
    "",
    "1. [ ] Open incident",
    "> - [ ] quoted task",
    "",
    "```md",
    "## not a heading",
    "- [ ] not an item",
    "```",
    "~~~",
    "- still code",
    "~~~",
    "* plain item",
    "+ another",
    "-not an item",
    "",
  ].join("\n");

  it("counts sections and items as each mode would, outside code", () => {
    expect(estimateOutline(DOCUMENT, "tasks")).toEqual({ sections: 2, items: 4 });
    expect(estimateOutline(DOCUMENT, "lists")).toEqual({ sections: 2, items: 7 });
    expect(estimateOutline(DOCUMENT, null)).toEqual({ sections: 2, items: 4 });
    expect(estimateOutline("## A\n\n- one\n- two\n", null)).toEqual({ sections: 1, items: 2 });
  });

  it("takes only a first # heading as the title, and reads any line ending", () => {
    expect(estimateOutline("## First\r\n- a\r\n# Later\r\n- b", "lists")).toEqual({ sections: 2, items: 2 });
    expect(estimateOutline("", null)).toEqual({ sections: 0, items: 0 });
  });

  it("is quick on a large document", () => {
    const large = `# Big\n\n${"## Section\n\n".concat("- [ ] an item of a long checklist\n".repeat(100)).repeat(300)}`;
    const started = performance.now();
    expect(estimateOutline(large, null)).toEqual({ sections: 300, items: 30_000 });
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe("createRecordCounter", () => {
  const rows = [
    { seq: "1", note: "plain" },
    { seq: "2", note: 'with "quotes", commas\nand a line break' },
    { seq: "3", note: "=formula" },
    { seq: "4", note: "{not json}\n{still inside}" },
  ];

  /** Feeds the text in pieces of every size from 1 to 7 characters. */
  function counted(format: "csv" | "json", text: string): number[] {
    return [1, 2, 3, 5, 7, text.length].map((size) => {
      const counter = createRecordCounter(format);
      for (let at = 0; at < text.length; at += size) counter.add(text.slice(at, at + size));
      return counter.records;
    });
  }

  it("counts CSV records, not line breaks inside quoted cells, however the text is cut", () => {
    const csv = toCsv(rows, { header: true, columns: ["seq", "note"] });
    expect(counted("csv", csv)).toEqual(Array(6).fill(4));
    expect(counted("csv", "seq,note\n")).toEqual(Array(6).fill(0));
    expect(createRecordCounter("csv").records).toBe(0);
  });

  it("counts the export's JSON events, one a line", () => {
    const json = `[\n${rows.map((r) => JSON.stringify(r)).join(",\n")}\n]\n`;
    expect(counted("json", json)).toEqual(Array(6).fill(4));
    expect(counted("json", "[\n\n]\n")).toEqual(Array(6).fill(0));
  });
});
