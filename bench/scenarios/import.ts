import { readdirSync, readFileSync } from "node:fs";
import { cliActor } from "@/lib/auth/permissions";
import { importTemplate } from "@/lib/data/templates/import-template";
import { parseChecklist } from "@/lib/domain/markdown/parse-checklist";
import { summarizeChecklist } from "@/lib/domain/markdown/summarize-checklist";
import { createDatabaseOn } from "@/tests/helpers/test-database";
import { generatedChecklist } from "@/bench/lib/checklists";
import { timeSerial } from "@/bench/lib/stats";
import { row, type TBenchRow, type TScenario } from "@/bench/lib/types";
import { SEEDS_DIR, hasSeeds } from "@/tests/helpers/seeds";

export const importScenario: TScenario = {
  id: "import",
  title: "Import: parse and persist",
  async run({ serverUrl, quick, log }) {
    const database = await createDatabaseOn(serverUrl);
    const actor = cliActor("bench");
    const rows: TBenchRow[] = [];
    // The parse alone, in process (the import runs it in a worker): docs/decisions/0011-faster-import.md.
    const parseOnce = (source: string | Buffer) => {
      const result = parseChecklist(source);
      if (!result.ok) throw new Error(result.error);
      return result.checklist;
    };
    const importOnce = async (source: string | Buffer) => {
      const result = await importTemplate(actor, { source: typeof source === "string" ? source : source.toString("utf8") }, database.db);
      if (!result.ok) throw new Error(result.error);
      return result.data.checklist;
    };
    try {
      if (!hasSeeds) log(`  seeds skipped: ${SEEDS_DIR} is not there`);
      for (const name of hasSeeds ? readdirSync(SEEDS_DIR).filter((f) => f.endsWith(".md")).sort() : []) {
        const source = readFileSync(`${SEEDS_DIR}/${name}`);
        const checklist = await importOnce(source);
        const { items } = summarizeChecklist(checklist);
        const summary = await timeSerial(() => importOnce(source), { runs: quick ? 5 : 20, warmup: 2 });
        rows.push(row("Import", `${name} (${(source.byteLength / 1024).toFixed(1)} KB, ${items} items)`, summary, { target: "p95 ≤ 50 ms", met: summary.p95 <= 50 }));
        const parse = await timeSerial(() => parseOnce(source), { runs: quick ? 5 : 20, warmup: 2 });
        const parseTarget = items <= 200 ? { target: "p95 ≤ 20 ms", met: parse.p95 <= 20 } : {};
        rows.push(row("Import", `parse only: ${name} (${items} items)`, parse, parseTarget));
      }
      const big = generatedChecklist(5_000);
      const summary = await timeSerial(() => importOnce(big), { runs: quick ? 2 : 5, warmup: 1 });
      rows.push(row("Import", `generated, 5 000 items (${(Buffer.byteLength(big) / 1024).toFixed(0)} KB)`, summary, { target: "p95 ≤ 1 500 ms", met: summary.p95 <= 1_500 }));
      const parse = await timeSerial(() => parseOnce(big), { runs: quick ? 2 : 5, warmup: 1 });
      rows.push(row("Import", `parse only: generated (${summarizeChecklist(parseOnce(big)).items} items)`, parse, { target: "p95 ≤ 400 ms", met: parse.p95 <= 400 }));
    } finally {
      await database.drop();
    }
    return rows;
  },
};
