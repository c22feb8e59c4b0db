import fc from "fast-check";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { hasMojibakeLookalikes, protectMojibakeLookalikes, repairMojibake } from "@/lib/domain/markdown/repair-mojibake";

const utf8 = (text: string) => Buffer.from(text, "utf8");
/** UTF-8 read as Windows-1252 the way iconv-lite does it: U+FFFD for the five undefined bytes. */
const asWindows1252 = (text: string) => iconv.decode(utf8(text), "win1252");
/** The browsers' windows-1252 (and Latin-1): C1 controls for those bytes, so nothing is lost. */
const asWhatwgWindows1252 = (text: string) => new TextDecoder("windows-1252").decode(utf8(text));
const asMacRoman = (text: string) => iconv.decode(utf8(text), "macintosh");
const reference = (char: string) => `&#${char.codePointAt(0)};`;
const unchanged = (text: string) => ({ text, repaired: 0, ambiguous: [], lossy: [] });

// Text as people write it: words of ASCII and accented letters (œ only where French has it;
// no word puts it after an accented vowel, as "âœ…" does), in small letters, capitalised
// (but no word starts with ã, and "Â" alone is no word) or in capitals (without Â and Ã: a
// capitals word ending in one before closing punctuation is kept but reported), numbers,
// typographic punctuation where text puts it (apostrophes inside words, quotes around them,
// ellipses and dashes after or between them, no-break spaces inside guillemets) and emoji,
// alone or right after a word. Left out: ÿ, whose capital Ÿ is a byte Windows-1252
// mojibake is made of ("ÏŸ" reads as ϟ), and punctuation glued before a word ("â„a").
const SMALL = [..."abcdefghijklmnopqrstuvwxyz", ..."éèêëàâäçôöüßñåøæáíóúãõîïûù"];
const œ_WORDS = ["cœur", "sœur", "œuvre", "bœuf", "nœud", "vœu", "mœurs", "manœuvre", "œil"];
const EMOJI = ["✅", "❌", "⚠️", "🚀", "👍🏽", "👨‍👩‍👧", "🇫🇷"];
const letters = fc.array(fc.constantFrom(...SMALL), { minLength: 1, maxLength: 9 }).map((chars) => chars.join(""));
const word = fc.tuple(fc.oneof({ weight: 9, arbitrary: letters }, { weight: 1, arbitrary: fc.constantFrom(...œ_WORDS) }), fc.constantFrom("small", "capital", "capitals")).map(([text, form]) => {
  if (form === "capital" && !/^ã|^â$/.test(text)) return text[0]!.toUpperCase() + text.slice(1);
  if (form === "capitals" && !/[âã]/.test(text)) return text.toUpperCase();
  return text;
});
const punctuated = fc.tuple(
  word,
  fc.constantFrom("#", "“#”", "‘#’", "„#“", "«\u00a0#\u00a0»", "« # »", "»#«", "#’s", "l’#", "d’#", "qu’#", "#…", "“#…”", "#—", "#, ", "#!", "(#)", "#:", "#.", "#?"),
).map(([text, shape]) => shape.replace("#", text));
const token = fc.oneof(
  { weight: 12, arbitrary: punctuated },
  { weight: 2, arbitrary: fc.tuple(punctuated, fc.constantFrom(...EMOJI)).map(([before, emoji]) => before + emoji) },
  { weight: 2, arbitrary: fc.constantFrom(...EMOJI) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 99_999 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom("–", "—", "…", "- [ ]", "- [x]", "#", "|") },
);
const text = fc
  .array(fc.tuple(token, fc.constantFrom(" ", " ", " ", " ", "\n", "\u00a0", " – ", " — ", "–", "—")), { maxLength: 30 })
  .map((pairs) => pairs.map(([t, separator]) => t + separator).join(""));

describe("repairMojibake: correct text", () => {
  it.each([
    "- [ ] Vérifier l’état d’être prêt",
    "“école”",
    "CAFÉ’s",
    "CAFÉ’S MENU",
    "Straße",
    "naïve café",
    "“ÉTÉ” — « voilà »",
    "«\u00a0voilà\u00a0»",
    "„Gruß“ und »Straße«",
    "“Eu disse não…”",
    "amanhã…»",
    "Víš…” a též…",
    "¿Está aquí…?",
    "“Isso é…”",
    "HYVÄ… ”PÅ” Øresund",
    "20\u00a0°C, gemäß\u00a0§\u00a05",
    "Œuvre, cœur, sœur",
    "Stra\u00adße, CAFÉ\u00adS",
    "Mañana: ñandú, España",
    "Crème brûlée — Noël — Ça va ?",
    "✅ ❌ ⚠️ 🚀 👍🏽 👨‍👩‍👧 🇫🇷",
    "Price: 5 € – 10 £ · © ® ™ ±1 ½",
  ])("leaves %j alone", (correct) => {
    expect(repairMojibake(correct)).toEqual(unchanged(correct));
    expect(hasMojibakeLookalikes(correct)).toBe(false);
  });

  it("leaves any such text alone, and reports nothing", () => {
    fc.assert(
      fc.property(text, (correct) => {
        expect(repairMojibake(correct)).toEqual(unchanged(correct));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("repairMojibake: mis-decoded text", () => {
  it.each([
    ["âœ…", "✅"],
    ["Ã©tat", "état"],
    ["â€™", "’"],
    ["â€œquotedâ€\u009d", "“quoted”"],
    ["ðŸš€", "🚀"],
    ["Ã¼ber", "über"],
    ["Â\u00a0", "\u00a0"],
    ["Ã\u00a0 Paris, voilÃ\u00a0 !", "à Paris, voilà !"],
    ["Â«\u00a0BonjourÂ\u00a0Â»", "«\u00a0Bonjour\u00a0»"],
    ["CafÃ© menu â€” ready âœ…", "Café menu — ready ✅"],
    ["isnâ€™t", "isn’t"],
    ["KÃ–LN", "KÖLN"],
    ["siÄ™ cÅ“ur Å“uvre", "się cœur œuvre"],
    ["ÐŸÑ€Ð¸Ð²ÐµÑ‚, Ð²Ð°Ð»", "Привет, вал"],
    ["æ—¥æœ¬èªž", "日本語"],
    ["ðŸ‡«ðŸ‡·", "🇫🇷"],
    ["1ï¸\u008fâƒ£", "1️⃣"],
    ["ï»¿# Title", "# Title"],
    ["Ã¢â‚¬â„¢ twice", "’ twice"],
    ["Caf√© ‚úÖ ‚Äî ‚Äúok‚Äù", "Café ✅ — “ok”"],
  ])("repairs %j", (mojibake, repaired) => {
    const result = repairMojibake(mojibake);
    expect(result.text).toBe(repaired);
    expect(result.repaired).toBeGreaterThan(0);
    expect([result.ambiguous, result.lossy]).toEqual([[], []]);
    expect(hasMojibakeLookalikes(mojibake)).toBe(true);
  });

  it("repairs Mac Roman mojibake that a decoder wrote U+FFFD in", () => {
    expect(asMacRoman("🚀 Launch")).toBe("\ufffdüöÄ Launch");
    expect(repairMojibake(asMacRoman("🚀 Launch ⚠️ 👨‍👩‍👧")).text).toBe("🚀 Launch ⚠️ 👨‍👩‍👧");
  });

  // Typical cases: words in small letters or capitalised. In capitals, "Ã" before a closing
  // punctuation byte at a word's end is kept and reported ("PIÃ™" is PIÙ, or "MAÇÃ”" is
  // Portuguese), and "Å’" inside a word ("CÅ’UR") reads as Å with an apostrophe.
  const typical = text.filter((t) => !/[A-ZÀ-Þ]{2}|Œ/u.test(t));

  it("repairs text read as Windows-1252 by iconv-lite back to what it was, where no byte was lost", () => {
    fc.assert(
      fc.property(typical, (original) => {
        const mojibake = asWindows1252(original);
        fc.pre(!mojibake.includes("\ufffd"));
        expect(repairMojibake(mojibake).text).toBe(original);
      }),
      { numRuns: 2000 },
    );
  });

  it("repairs text read as the browsers' windows-1252 back to what it was, emoji joiners and selectors too", () => {
    fc.assert(
      fc.property(typical, (original) => {
        expect(repairMojibake(asWhatwgWindows1252(original))).toMatchObject({ text: original, ambiguous: [], lossy: [] });
      }),
      { numRuns: 2000 },
    );
  });

  it("repairs text read as Mac Roman back to what it was", () => {
    fc.assert(
      fc.property(text, (original) => {
        expect(repairMojibake(asMacRoman(original))).toMatchObject({ text: original, ambiguous: [], lossy: [] });
      }),
      { numRuns: 2000 },
    );
  });
});

describe("repairMojibake: unsure and lossy", () => {
  it.each([
    ["MAÇÃ”", "Ã”"],
    ["PIÃ™ bello", "Ã™"],
  ])("keeps %j, which could be a capitals word, and reports it", (source, run) => {
    expect(repairMojibake(source)).toEqual({ text: source, repaired: 0, ambiguous: [run], lossy: [] });
    expect(hasMojibakeLookalikes(source)).toBe(true);
  });

  it("puts in ❌ for “âŒ”, which lost 0x9D, and says so", () => {
    expect(asWindows1252("❌ Failed").replace("\ufffd", "")).toBe("âŒ Failed");
    expect(repairMojibake("âŒ Failed")).toEqual({
      text: "❌ Failed",
      repaired: 1,
      ambiguous: [],
      lossy: ['"âŒ" looks like mis-decoded text that lost a byte; replaced with ❌, its only likely reading: check it.'],
    });
  });

  it.each([
    ["a closing quote that lost 0x9D", "â€œquotedâ€ here", "“quoted” here", "”"],
    ["a closing quote written as U+FFFD", asWindows1252("“quoted” here"), "“quoted” here", "”"],
    ["❌ written with U+FFFD", asWindows1252("❌ no"), "❌ no", "❌"],
    ["a family without its joiners", "ðŸ‘¨â€ðŸ‘©â€ðŸ‘§", "👨‍👩‍👧", "[U+200D]"],
    ["⚠️ without its selector's 0x8F", "âš\u00a0ï¸ careful", "⚠️ careful", "[U+FE0F]"],
  ])("puts in the only likely reading of %s, and says so", (_label, source, repaired, guess) => {
    const result = repairMojibake(source);
    expect(result.text).toBe(repaired);
    expect(result.lossy.length).toBeGreaterThan(0);
    expect(result.lossy.join(" ")).toContain(`replaced with ${guess}, its only likely reading: check it.`);
  });

  it.each([
    ["Ãndice", '"Ã" looks like mis-decoded text that lost a byte (probably Á, Í, Ï, Ð or Ý); left as it is.'],
    ["ðŸ› bug", '"ðŸ›" looks like mis-decoded text that lost a byte (probably 🛁, 🍛, 🛍, 🏛, 🛏 or another); left as it is.'],
    ["Ä\ufffd", '"Ä\ufffd" looks like mis-decoded text that lost a byte (probably ā, č, ď, Đ or ĝ); left as it is.'],
  ])("leaves %j, which has several likely readings, and names them", (source, message) => {
    expect(repairMojibake(source)).toEqual({ text: source, repaired: 0, ambiguous: [], lossy: [message] });
  });

  it("does not take correct text for a lost byte", () => {
    for (const correct of ["NÃO, SÃO PAULO, IRMÃ", "pâte, âge, château", "naïve—", "été…"]) {
      expect(repairMojibake(correct)).toEqual(unchanged(correct));
    }
  });
});

describe("protectMojibakeLookalikes", () => {
  // Characters that correct text and mojibake are made of, and a few that start or end runs.
  const prone = fc
    .array(fc.constantFrom(..."ÂÃÄÅÇÉÐÑÖÜßàâãäçéíïðñóô€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ ¡¢£¤¥¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿√≈∆∏ abc ABC", "\u0081", "\u008d", "\u009d", "\ufffd", "\uf8ff", "\u00a0", "🚀", "✅"), {
      maxLength: 24,
    })
    .map((chars) => chars.join(""));
  const anything = fc.oneof(prone, text, text.map(asWindows1252), text.map(asMacRoman), text.map(asWhatwgWindows1252));

  it("writes every piece that the importer would change or warn about as references", () => {
    fc.assert(
      fc.property(anything, (source) => {
        const protectedText = protectMojibakeLookalikes(source, reference);
        expect(repairMojibake(protectedText)).toEqual(unchanged(protectedText));
        expect(hasMojibakeLookalikes(protectedText)).toBe(false);
        const repair = repairMojibake(source);
        const warns = repair.text !== source || repair.ambiguous.length > 0 || repair.lossy.length > 0;
        expect(hasMojibakeLookalikes(source)).toBe(warns);
        expect(protectedText !== source).toBe(warns);
      }),
      { numRuns: 3000 },
    );
  });

  it("leaves correct text as it is", () => {
    expect(protectMojibakeLookalikes("Vérifier l’état d’être prêt — CAFÉ’s ✅", reference)).toBe("Vérifier l’état d’être prêt — CAFÉ’s ✅");
    expect(protectMojibakeLookalikes("x Ã© y", reference)).toBe("x &#195;&#169; y");
  });
});

describe("repairMojibake: time", () => {
  it.each([
    ["Ã", "Ã"],
    ["Ãa", "Ãa"],
    ["É’", "É’"],
    ["â€", "â€"],
    ["é…”", "é…”"],
    ["ðŸ›x", "ðŸ›x"],
    ["MAÇÃ” ", "MAÇÃ” "],
    ["mixed", "‚Ä¢Ã©√©â€ðŸš€É’ ⚠️"],
  ])("reads 1 MB of %s in linear time", (_label, unit) => {
    const source = unit.repeat(Math.ceil(1_000_000 / unit.length));
    const started = performance.now();
    repairMojibake(source);
    protectMojibakeLookalikes(source, reference);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
