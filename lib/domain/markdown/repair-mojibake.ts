import iconv from "iconv-lite";

// UTF-8 text that was once decoded as Windows-1252 or Mac Roman shows up as runs of
// characters from those code pages' upper halves ("âœ…" for ✅). Each run is re-encoded
// and decoded as UTF-8; it is replaced only when that succeeds and the code pages agree.

const CODEPAGES = [
  { name: "Windows-1252", encoding: "win1252" },
  { name: "Mac Roman", encoding: "macintosh" },
] as const;

const UTF8 = new TextDecoder("utf-8", { fatal: true });

function upperHalf(encoding: string): Set<string> {
  const bytes = Buffer.from(Array.from({ length: 128 }, (_, i) => i + 128));
  return new Set(Array.from(iconv.decode(bytes, encoding)).filter((ch) => ch !== "\ufffd"));
}

const UPPER = CODEPAGES.map((cp) => ({ ...cp, chars: upperHalf(cp.encoding) }));
const CANDIDATE_RUN = new RegExp(
  `[${[...new Set(UPPER.flatMap((cp) => [...cp.chars]))].map((ch) => `\\u{${ch.codePointAt(0)!.toString(16)}}`).join("")}]{2,}`,
  "gu",
);

// A reading that starts with a combining mark or holds control or private-use characters
// is not text anyone wrote.
const IMPLAUSIBLE = /^\p{M}|[\p{Cc}\p{Co}\p{Cn}]/u;

function decodeRun(run: string, codepage: (typeof UPPER)[number]): string | null {
  if (![...run].every((ch) => codepage.chars.has(ch))) return null;
  try {
    const decoded = UTF8.decode(iconv.encode(run, codepage.encoding));
    return decoded === run || IMPLAUSIBLE.test(decoded) ? null : decoded;
  } catch {
    return null;
  }
}

export type TMojibakeRepair = { text: string; repaired: number; ambiguous: string[] };

const readingsOf = (run: string) => new Set(UPPER.map((cp) => decodeRun(run, cp)).filter((r): r is string => r !== null));

export function repairMojibake(text: string): TMojibakeRepair {
  let repaired = 0;
  const ambiguous: string[] = [];
  const out = text.replace(CANDIDATE_RUN, (run) => {
    const readings = readingsOf(run);
    if (readings.size === 1) {
      repaired += 1;
      return [...readings][0]!;
    }
    if (readings.size > 1) ambiguous.push(run);
    return run;
  });
  return { text: out, repaired, ambiguous };
}

/**
 * The text with every run that repairMojibake would change (or warn about) written
 * character by character through `encode`, for an exporter whose reader repairs.
 */
export function protectMojibakeLookalikes(text: string, encode: (char: string) => string): string {
  return text.replace(CANDIDATE_RUN, (run) => (readingsOf(run).size > 0 ? Array.from(run, encode).join("") : run));
}

export function hasMojibakeLookalikes(text: string): boolean {
  return protectMojibakeLookalikes(text, () => "") !== text;
}
