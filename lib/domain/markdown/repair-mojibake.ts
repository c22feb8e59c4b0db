import iconv from "iconv-lite";

/*
 * Mojibake is UTF-8 that was once decoded as Windows-1252 (or Latin-1) or Mac Roman: each
 * multi-byte character shows as two to four characters, "Ã©" for é, "âœ…" for ✅, "ðŸš€" for
 * 🚀, "‚Äô" for ’ in Mac Roman. Correct text must never be touched, so the rule is:
 *
 * 1. A candidate is a lead (a character whose byte in the code page is 0xC2–0xF4) followed
 *    by exactly the continuations (bytes 0x80–0xBF) its UTF-8 sequence needs, the bytes
 *    being valid UTF-8. Adjacent candidates make a run.
 * 2. Correct text meets rule 1 in one shape only: a letter that ends a word, then closing
 *    punctuation ("CAFÉ’s", "„Gruß“", "não…”", "l’été" in Mac Roman), or a no-break space,
 *    dash or ellipsis and whatever may follow one ("não\u00a0„sim“", "sí—¿"). So a
 *    Windows-1252 candidate is taken for mojibake only when
 *    - its lead is Â or Ã, which no word puts before such characters; except at the end of
 *      a capitals word ("MAÇÃ”"), where it is kept and reported as ambiguous;
 *    - or a continuation is not of that shape: € © œ ¢ ¼ ‰ † and the like right after the
 *      lead, and C1 controls or U+FFFD anywhere (š and ž after a Czech vowel are letters);
 *    - or its capital lead follows a small letter ("siÄ™"), or its one continuation is a
 *      quote or guillemet glued to the next letter ("Å“uvre"): shapes only mis-decoding makes;
 *    - or its run is two or more candidates, not split by a space-like continuation, that
 *      read as one word of a non-Latin script ("Ð²Ð°Ð»").
 *    Mac Roman's leads include “ ’ … – — and its continuations the accented letters, so
 *    "’é" is everywhere in French: a Mac Roman candidate is taken only when its lead is one
 *    of ¬ √ ƒ ≈ ∆ ‚ or the byte 0xF0 (U+F8FF, or U+FFFD where a decoder had no character), or
 *    is a letter followed by a math symbol (∏ ∂ ∞ …). Where the two code pages claim
 *    overlapping characters the candidate that starts first wins: its lead is one the other
 *    reading leaves unexplained. Windows-1252, much the commoner, has the wider rule.
 * 3. A run is replaced only when its reading is clearly text: no control, private-use,
 *    unassigned or stray format character and no combining mark at its start (a variation
 *    selector after an emoji excepted). A reading that is not is the mojibake of nothing,
 *    and the run is left without a word.
 * 4. Lost bytes: Windows-1252 has no character for 0x81 0x8D 0x8F 0x90 0x9D, so tools dropped
 *    them or wrote U+FFFD ("âŒ" is ❌ without its 0x9D). A lead one continuation short, or
 *    holding U+FFFD, that otherwise looks mis-decoded (as in rule 2, or "Ã" before a small
 *    letter: "Ãndice") is tried with each of those bytes and always reported. When exactly
 *    one filling is a likely character (an emoji, typographic punctuation, a Latin letter,
 *    a joiner between emoji, a variation selector after one) it is put in, since a reported
 *    guess beats leaving garbage; otherwise the text is kept and the report names the options.
 * Repairing runs again on its own result (three passes at most), so text mis-decoded twice
 * comes back. Each pass is a few scans, linear in the text.
 */

export type TMojibakeRepair = {
  text: string;
  /** How many pieces were replaced. */
  repaired: number;
  /** Runs that may be mis-decoded text but were kept as they are. */
  ambiguous: string[];
  /** Sentences about mis-decoded text that lost a byte: what it probably was, and what was done. */
  lossy: string[];
};

type TFinding = { start: number; end: number; replacement: string | null; lossy?: string };
type TSequence = { start: number; end: number; bytes: (number | null)[]; need: number };
type TCandidate = { start: number; end: number; decoded: string; mojibake: boolean; unsure: boolean };

function upperHalf(encoding: string): Map<string, number> {
  const byteOf = new Map<string, number>();
  for (let byte = 0x80; byte <= 0xff; byte += 1) {
    const char = iconv.decode(Buffer.from([byte]), encoding);
    if (char !== "\ufffd") byteOf.set(char, byte);
  }
  return byteOf;
}

const WINDOWS_1252 = upperHalf("win1252");
// Latin-1 and the browsers' windows-1252 keep bytes 0x80–0x9F as C1 controls ("â€\u009d" for ”).
for (let byte = 0x80; byte <= 0x9f; byte += 1) WINDOWS_1252.set(String.fromCharCode(byte), byte);
const MAC_ROMAN = upperHalf("macintosh");
// 0xF0 is the Apple logo (U+F8FF; iconv-lite writes U+FFFD); 0xDB became € after ¤.
MAC_ROMAN.set("\uf8ff", 0xf0).set("\ufffd", 0xf0).set("€", 0xdb);

const LOST_BYTES = [0x81, 0x8d, 0x8f, 0x90, 0x9d];
const CLOSERS = new Set([..."…‹‘’“”–—™›\u00a0«\u00ad®»"]);
const GLUED = new Set([..."‘“”«»‹›™®"]);
const SPACING = new Set([..."\u00a0–—…"]);
const NOT_TEXT = new Set(["\ufffd", ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(0x80 + i))]);
const CZECH_LETTERS = new Set([..."ŠŽšž"]);
const CZECH_VOWELS = new Set([..."áéíóäÉÍÓÚÝÄÔ"]);
const MAC_LEADS = new Set([..."¬√ƒ≈∆‚\uf8ff\ufffd"]);
const MAC_MATH = new Set([..."≠∞≤≥∂∑∏π∫Ω"]);
const TYPOGRAPHIC = new Set([..."‘’‚“”„–—…•€™‹›"]);
const ZWJ = "\u200d";

const UPPER = /[\p{Lu}\p{Lt}]/u;
const LOWER = /\p{Ll}/u;
const LETTER = /\p{L}/u;
const MARK = /\p{M}/u;
const NEVER_TEXT = /[\p{Cc}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}]/u;
const FORMAT = /\p{Cf}/u;
const TEXT_FORMAT = /[\u00ad\u200b-\u200d\u2060\ufeff\u{e0001}\u{e0020}-\u{e007f}]/u;
const EMOJI_BEFORE_SELECTOR = /[\p{Extended_Pictographic}\p{Emoji_Component}]/u;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
const EMOJI = /\p{Emoji_Presentation}|(?=\p{Extended_Pictographic})\p{Emoji}/u;
const LATIN_LETTER = /(?=\p{L})\p{Script=Latin}/u;
const INVISIBLE = /[\p{C}\p{M}\p{Z}]/gu;
const FOREIGN_SCRIPTS = [
  /\p{Script=Greek}/u,
  /\p{Script=Cyrillic}/u,
  /\p{Script=Armenian}/u,
  /\p{Script=Hebrew}/u,
  /\p{Script=Arabic}/u,
  /\p{Script=Devanagari}/u,
  /\p{Script=Thai}/u,
  /\p{Script=Hangul}/u,
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u,
];

const charBefore = (text: string, index: number): string => {
  if (index <= 0) return "";
  const low = text.charCodeAt(index - 1);
  return low >= 0xdc00 && low <= 0xdfff && index >= 2 ? text.slice(index - 2, index) : text[index - 1]!;
};
const charAt = (text: string, index: number): string => (index < text.length ? String.fromCodePoint(text.codePointAt(index)!) : "");
const lastChar = (text: string): string => charBefore(text, text.length);
const visible = (text: string) => text.replace(INVISIBLE, (char) => `[U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}]`);

/** The character a complete UTF-8 sequence stands for, or null when the bytes are not valid UTF-8. */
function decodeUtf8(bytes: number[]): string | null {
  const [lead = 0, second = 0] = bytes;
  if ((lead === 0xe0 && second < 0xa0) || (lead === 0xed && second > 0x9f) || (lead === 0xf0 && second < 0x90) || (lead === 0xf4 && second > 0x8f)) return null;
  let codePoint = lead & (bytes.length === 2 ? 0x1f : bytes.length === 3 ? 0x0f : 0x07);
  for (const byte of bytes.slice(1)) codePoint = (codePoint << 6) | (byte & 0x3f);
  return String.fromCodePoint(codePoint);
}

/** A lead at `start` and the continuations after it, as many as its sequence needs or fewer. */
function readSequence(text: string, start: number, byteOf: Map<string, number>, unknownContinuation: boolean): TSequence | null {
  const lead = byteOf.get(text[start]!);
  if (lead === undefined || lead < 0xc2 || lead > 0xf4) return null;
  const need = lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
  const bytes: (number | null)[] = [lead];
  let end = start + 1;
  for (; bytes.length < need && end < text.length; end += 1) {
    const byte = byteOf.get(text[end]!);
    if (byte !== undefined && byte >= 0x80 && byte <= 0xbf) bytes.push(byte);
    else if (unknownContinuation && text[end] === "\ufffd") bytes.push(null);
    else break;
  }
  return { start, end, bytes, need };
}

const complete = (sequence: TSequence) =>
  sequence.bytes.length === sequence.need && !sequence.bytes.includes(null) ? decodeUtf8(sequence.bytes as number[]) : null;

/** Whether a reading is text someone wrote: see rule 3. */
function isClearText(decoded: string, before: string): boolean {
  for (const char of decoded) if (NEVER_TEXT.test(char) || (FORMAT.test(char) && !TEXT_FORMAT.test(char))) return false;
  const first = charAt(decoded, 0);
  return !MARK.test(first) || (/[\ufe00-\ufe0f\u20e3]/u.test(first) && EMOJI_BEFORE_SELECTOR.test(before));
}

const isOneForeignScript = (decoded: string) => {
  const letters = [...decoded].filter((char) => !MARK.test(char));
  return letters.length >= 2 && letters.every((char) => LETTER.test(char)) && FOREIGN_SCRIPTS.some((script) => letters.every((char) => script.test(char)));
};

/**
 * Whether a candidate's continuations hold one that text does not put there: closing
 * punctuation is text, and so is whatever follows a no-break space, a dash or an ellipsis
 * ("não\u00a0„sim“", "sí—¿", "ó—„Œuvre“"), except a C1 control or U+FFFD, never text.
 */
function hasOddContinuation(continuations: string, lead: string): boolean {
  let spaced = false;
  for (const char of continuations) {
    if (NOT_TEXT.has(char)) return true;
    if (!spaced && !CLOSERS.has(char) && !(CZECH_LETTERS.has(char) && CZECH_VOWELS.has(lead))) return true;
    spaced ||= SPACING.has(char);
  }
  return false;
}

/** Rule 2 for one Windows-1252 candidate; `first` when no candidate comes right before it. */
function judgeWindows1252(text: string, sequence: TSequence, first: boolean): Pick<TCandidate, "mojibake" | "unsure"> {
  const lead = text[sequence.start]!;
  const continuations = text.slice(sequence.start + 1, sequence.end);
  const before = first ? charBefore(text, sequence.start) : "";
  const after = charAt(text, sequence.end);
  const odd = hasOddContinuation(continuations, lead);
  if (lead === "Â" || lead === "Ã") {
    const capitalsWord = UPPER.test(before) && UPPER.test(charBefore(text, sequence.start - before.length));
    const unsure = !odd && first && capitalsWord && !LETTER.test(after);
    return { mojibake: !unsure, unsure };
  }
  const twoByte = sequence.need === 2;
  const mojibake = odd || (twoByte && ((UPPER.test(lead) && LOWER.test(before)) || (GLUED.has(continuations) && LETTER.test(after))));
  return { mojibake, unsure: false };
}

function judgeRun(text: string, run: TCandidate[], before: string): TFinding | null {
  const start = run[0]!.start;
  const end = run.at(-1)!.end;
  const decoded = run.map((candidate) => candidate.decoded).join("");
  // Candidates after a no-break space, dash or ellipsis start a new word ("PÓ–Ñ…"), not one foreign word.
  const oneWord = run.slice(0, -1).every(({ start: from, end: to }) => ![...text.slice(from + 1, to)].some((char) => SPACING.has(char)));
  const foreignWord = run.length >= 2 && oneWord && !run.some((candidate) => candidate.unsure) && isOneForeignScript(decoded);
  const mojibake = foreignWord || run.some((candidate) => candidate.mojibake);
  // A reading that is not clear text is no mojibake of anything: nothing to say about it.
  if (!isClearText(decoded, before) || (!mojibake && !run.some((candidate) => candidate.unsure))) return null;
  if (!mojibake) return { start, end, replacement: null };
  // A byte order mark read as "ï»¿" at the start of the file goes, as the real one does.
  return { start, end, replacement: start === 0 && decoded.startsWith("\ufeff") ? decoded.slice(1) : decoded };
}

/** "a", "a or b", "a, b or c"; past five, "a, b, c, d, e or another". */
const listOf = (chars: string[]) => {
  const shown = chars.slice(0, 5).map(visible);
  if (chars.length > 5) shown.push("another");
  return shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(", ")} or ${shown.at(-1)}`;
};

function isLikely(char: string, before: string, after: string): boolean {
  if (char === ZWJ) return (PICTOGRAPH.test(before) || /[\ufe0f\u{1f3fb}-\u{1f3ff}]/u.test(before)) && (after === "ð" || PICTOGRAPH.test(after));
  if (char === "\ufe0f") return EMOJI_BEFORE_SELECTOR.test(before);
  return !MARK.test(char) && (EMOJI.test(char) || TYPOGRAPHIC.has(char) || LATIN_LETTER.test(char));
}

type TLoss = Omit<TFinding, "start" | "end">;

/** Rule 4: a Windows-1252 lead that lost a continuation byte, or has U+FFFD for one. */
function lostByte(text: string, sequence: TSequence, before: string): TLoss | null {
  const { start, end, bytes, need } = sequence;
  const unknown = bytes.filter((byte) => byte === null).length;
  const lead = text[start]!;
  const next = charAt(text, end);
  const looksMisdecoded =
    unknown === 1 ||
    (need === 2 ? lead === "Ã" && LOWER.test(next) : bytes.length >= 2 && hasOddContinuation(text.slice(start + 1, end), lead));
  const oneShort = bytes.length === need - 1 && unknown === 0;
  if (!looksMisdecoded || !(oneShort || (bytes.length === need && unknown === 1))) return null;

  const fillings =
    unknown === 1
      ? LOST_BYTES.map((lost) => bytes.map((byte) => byte ?? lost))
      : LOST_BYTES.flatMap((lost) => Array.from({ length: bytes.length }, (_, at) => [...bytes.slice(0, at + 1), lost, ...bytes.slice(at + 1)]));
  const readings = [...new Set(fillings.map((filled) => decodeUtf8(filled as number[])))].filter(
    (reading): reading is string => reading !== null && isClearText(reading, before),
  );
  if (readings.length === 0) return null;
  const likely = readings.filter((reading) => isLikely(reading, before, next));
  const guesses = likely.includes(ZWJ) ? [ZWJ] : likely;
  const shown = `"${visible(text.slice(start, end))}"`;
  if (guesses.length === 1) {
    return { replacement: guesses[0]!, lossy: `${shown} looks like mis-decoded text that lost a byte; replaced with ${listOf(guesses)}, its only likely reading: check it.` };
  }
  const options = guesses.length > 0 ? `probably ${listOf(guesses)}` : `it could be ${listOf(readings)}`;
  return { replacement: null, lossy: `${shown} looks like mis-decoded text that lost a byte (${options}); left as it is.` };
}

function findInWindows1252(text: string): TFinding[] {
  const findings: TFinding[] = [];
  // Judging a loss builds readings and a sentence; a long file repeats the same few losses.
  const losses = new Map<string, TLoss | null>();
  let run: TCandidate[] = [];
  const outputBefore = (index: number) => {
    const last = findings.at(-1);
    return last && last.end === index && last.replacement ? lastChar(last.replacement) : charBefore(text, index);
  };
  const flush = () => {
    const finding = run.length > 0 ? judgeRun(text, run, outputBefore(run[0]!.start)) : null;
    if (finding) findings.push(finding);
    run = [];
  };
  for (let index = 0; index < text.length; ) {
    const sequence = readSequence(text, index, WINDOWS_1252, true);
    if (!sequence) {
      index += 1;
      continue;
    }
    const decoded = complete(sequence);
    if (decoded !== null) {
      if (run.length > 0 && run.at(-1)!.end !== sequence.start) flush();
      run.push({ start: sequence.start, end: sequence.end, decoded, ...judgeWindows1252(text, sequence, run.length === 0) });
      index = sequence.end;
      continue;
    }
    flush();
    const before = outputBefore(sequence.start);
    const key = `${before}\u0000${text.slice(sequence.start, sequence.end)}\u0000${charAt(text, sequence.end)}`;
    if (!losses.has(key)) losses.set(key, lostByte(text, sequence, before));
    const lost = losses.get(key);
    if (lost) findings.push({ start: sequence.start, end: sequence.end, ...lost });
    index = lost ? sequence.end : index + 1;
  }
  flush();
  return findings;
}

function findInMacRoman(text: string): TFinding[] {
  const findings: TFinding[] = [];
  let run: TCandidate[] = [];
  const flush = () => {
    const finding = run.length > 0 ? judgeRun(text, run, charBefore(text, run[0]!.start)) : null;
    if (finding) findings.push(finding);
    run = [];
  };
  for (let index = 0; index < text.length; ) {
    const sequence = readSequence(text, index, MAC_ROMAN, false);
    const decoded = sequence && complete(sequence);
    if (!sequence || decoded === null) {
      index += 1;
      continue;
    }
    const lead = text[index]!;
    const mojibake = MAC_LEADS.has(lead) || (LETTER.test(lead) && [...text.slice(index + 1, sequence.end)].some((char) => MAC_MATH.has(char)));
    if (run.length > 0 && (!mojibake || run.at(-1)!.end !== index)) flush();
    if (mojibake) run.push({ start: index, end: sequence.end, decoded, mojibake, unsure: false });
    index = sequence.end;
  }
  flush();
  return findings;
}

/** What both readings find (`all`), and of two overlapping findings the earlier (`kept`). */
function findMojibake(text: string): { kept: TFinding[]; all: TFinding[] } {
  const all = [...findInWindows1252(text), ...findInMacRoman(text)].sort((a, b) => a.start - b.start);
  const kept: TFinding[] = [];
  for (const finding of all) if (finding.start >= (kept.at(-1)?.end ?? 0)) kept.push(finding);
  return { kept, all };
}

export function repairMojibake(text: string): TMojibakeRepair {
  let current = text;
  let repaired = 0;
  const ambiguous = new Set<string>();
  const lossy = new Set<string>();
  for (let pass = 0; pass < 3; pass += 1) {
    const parts: string[] = [];
    let at = 0;
    for (const finding of findMojibake(current).kept) {
      if (finding.lossy) lossy.add(finding.lossy);
      else if (finding.replacement === null) ambiguous.add(current.slice(finding.start, finding.end));
      if (finding.replacement === null) continue;
      parts.push(current.slice(at, finding.start), finding.replacement);
      at = finding.end;
      repaired += 1;
    }
    if (parts.length === 0) break;
    current = parts.join("") + current.slice(at);
  }
  return { text: current, repaired, ambiguous: [...ambiguous], lossy: [...lossy] };
}

/** Marks every chain of adjacent sequences (whole or cut short) that touches a marked character. */
function markChains(text: string, marked: Uint8Array, byteOf: Map<string, number>, unknownContinuation: boolean) {
  let chainStart = -1;
  let chainEnd = -1;
  const close = () => {
    if (chainStart >= 0 && marked.subarray(chainStart, chainEnd).includes(1)) marked.fill(1, chainStart, chainEnd);
  };
  for (let index = 0; index < text.length; ) {
    const sequence = readSequence(text, index, byteOf, unknownContinuation);
    if (!sequence) {
      index += 1;
      continue;
    }
    if (sequence.start !== chainEnd) {
      close();
      chainStart = sequence.start;
    }
    chainEnd = sequence.end;
    index = sequence.end;
  }
  close();
}

function protectOnce(text: string, encode: (char: string) => string, fallback: boolean): string {
  const { kept, all } = findMojibake(text);
  if (kept.length === 0) return text;
  const marked = new Uint8Array(text.length);
  for (const { start, end } of all) marked.fill(1, start, end);
  markChains(text, marked, WINDOWS_1252, true);
  markChains(text, marked, MAC_ROMAN, false);
  if (fallback) for (let index = 0; index < text.length; index += 1) if (WINDOWS_1252.has(text[index]!) || MAC_ROMAN.has(text[index]!)) marked[index] = 1;
  const parts: string[] = [];
  for (let start = 0; start < text.length; ) {
    let end = start + 1;
    while (end < text.length && marked[end] === marked[start]) end += 1;
    const piece = text.slice(start, end);
    parts.push(marked[start] ? Array.from(piece, (char) => (NOT_TEXT.has(char) && char !== "\ufffd" ? char : encode(char))).join("") : piece);
    start = end;
  }
  return parts.join("");
}

/**
 * The text with every piece that repairMojibake would change or warn about written
 * character by character through `encode`, for an exporter whose reader repairs. What is
 * written that way goes past those pieces, so that what is left reads the same once they
 * are references: the findings that lost to an overlapping one, and every chain of
 * sequences they touch ("íª" + "¬Ü" would leave a lead that lost a byte). The result is
 * checked again; in the unlikely case that a few rounds leave something, every character
 * of the code pages' upper halves is written through `encode`. C1 controls stay as they
 * are: once the character before them is encoded nothing reads them as mojibake, and a
 * Markdown character reference cannot carry them (CommonMark reads "&#133;" as U+FFFD).
 */
export function protectMojibakeLookalikes(text: string, encode: (char: string) => string): string {
  let current = text;
  for (let round = 0; round < 4; round += 1) {
    const next = protectOnce(current, encode, round === 3);
    if (next === current) return current;
    current = next;
  }
  return current;
}

export function hasMojibakeLookalikes(text: string): boolean {
  return findMojibake(text).kept.length > 0;
}
