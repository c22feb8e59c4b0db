// Parses untrusted Markdown off the server's main thread; parse-checklist-safely.ts starts it
// and stops it at its deadline. Plain JavaScript at a fixed path so that Node can start it the
// same way under tsx (CLI, tests) and in the built Next.js server, which bundles the app but
// not this file: tsx compiles the TypeScript parser here, resolving "@/" from tsconfig.json.
import { fileURLToPath } from "node:url";
import { parentPort } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

const root = new URL("../../", import.meta.url);
const { parseChecklist } = await tsImport("./lib/domain/markdown/parse-checklist.ts", {
  parentURL: root.href,
  tsconfig: fileURLToPath(new URL("tsconfig.json", root)),
});

parentPort.on("message", ({ input, options }) => {
  try {
    parentPort.postMessage({ result: parseChecklist(input, options) });
  } catch (error) {
    // Nesting the pre-check does not see (inline markup, say) can still overflow the stack.
    if (error instanceof RangeError) parentPort.postMessage({ tooDeep: true });
    else parentPort.postMessage({ crash: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
parentPort.postMessage({ ready: true });
