// `npm run build`: generate the Prisma client, then build Next.js.
import { spawnSync } from "node:child_process";

// A production build whatever the caller's NODE_ENV (the test runner sets "test").
const env = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };
for (const args of [["scripts/prisma-generate.mjs"], ["node_modules/next/dist/bin/next", "build"]]) {
  const result = spawnSync(process.execPath, args, { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
