import type { TestProject } from "vitest/node";
import { isBuildStale, runBuild } from "@/scripts/lib/ensure-build";
import { startAppServer } from "@/tests/helpers/app-server";
import { CHROMIUM_MISSING, findChromium } from "@/tests/helpers/find-chromium";
import { createTestDatabase } from "@/tests/helpers/test-database";
import { seedDemoData } from "@/prisma/seed/seed-demo-data";
import { E2E_METRICS_TOKEN } from "@/tests/e2e/browser";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    chromiumPath: string;
    databaseUrl: string;
    /** The server's session-signing secret, to mint (and tamper with) session cookies. */
    sessionSecret: string;
  }
}

// One production server for the e2e suite, on a database of its own holding the demo data.
export default async function setup(project: TestProject) {
  const chromiumPath = findChromium(process.env);
  if (!chromiumPath) throw new Error(CHROMIUM_MISSING);
  if (isBuildStale()) runBuild(process.env);
  const database = await createTestDatabase();
  await seedDemoData(database.db);
  // The tests stand in for one proxy: the X-Forwarded-For they send is the client address.
  // PREFLIGHT_TEST_CLOCK lets a test move the server's "now" with a cookie (lib/clock.ts).
  const server = await startAppServer(database.url, { env: { PREFLIGHT_AUTH_RATE_LIMIT: "60", PREFLIGHT_TRUSTED_PROXIES: "1", PREFLIGHT_TEST_CLOCK: "1", PREFLIGHT_METRICS_TOKEN: E2E_METRICS_TOKEN } });
  project.provide("baseUrl", server.url);
  project.provide("chromiumPath", chromiumPath);
  project.provide("databaseUrl", database.url);
  project.provide("sessionSecret", server.secret);
  return async () => {
    await server.stop();
    await database.drop();
  };
}
