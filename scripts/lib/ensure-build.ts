import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCE_ROOTS = ["app", "components", "lib", "prisma", "public", "proxy.ts", "instrumentation.ts", "next.config.js", "package.json"];
const SKIP = new Set(["node_modules", "generated", ".next", ".data"]);

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const child of readdirSync(entry)) {
    if (SKIP.has(child)) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

/** True when there is no production build, or a source file changed after it was made. */
export function isBuildStale(): boolean {
  const buildId = path.join(".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  return SOURCE_ROOTS.some((root) => newestMtime(root) > builtAt);
}

/**
 * Builds before a start (or the e2e suite) without type-checking: `npm run typecheck` and
 * `npm run build` (CI runs both) check the types; a first start need not spend ~20 s on it.
 */
export function runBuild(env: NodeJS.ProcessEnv): void {
  console.log("Preflight: building the app (first start, or sources changed)…");
  const result = spawnSync(process.execPath, ["scripts/run-build.mjs"], { stdio: "inherit", env: { ...env, PREFLIGHT_BUILD_SKIP_TYPECHECK: "1" } });
  if (result.status !== 0) {
    console.error("Preflight: the build failed; see the output above.");
    process.exit(result.status ?? 1);
  }
}
