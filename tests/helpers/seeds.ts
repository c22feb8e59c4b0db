import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

// ../shared/seeds holds real readiness documents; CI always has it, a bare clone may not.
export const SEEDS_DIR = path.resolve(process.cwd(), "..", "shared", "seeds");
export const hasSeeds = existsSync(SEEDS_DIR);
if (!hasSeeds) console.warn(`Skipping seed-document tests: ${SEEDS_DIR} is not there.`);

export function readSeed(name: string): Buffer {
  return readFileSync(path.join(SEEDS_DIR, name));
}
