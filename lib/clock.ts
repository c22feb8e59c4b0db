import "server-only";
import { cookies } from "next/headers";
import { getEnv, isTestClockEnabled } from "@/lib/env";

/** The cookie a test sets to the time it wants the server to see (an ISO date). */
export const TEST_CLOCK_COOKIE = "preflight-test-now";

/**
 * The time a request is judged at: the real time, except on a server started with
 * PREFLIGHT_TEST_CLOCK=1 (the e2e suite only: never set it in production), where a browser
 * may move it with the test-clock cookie, e.g. past an evidence's maximum age. The verdict,
 * evidence ages and sign-off on the release page and its actions read it. Like the demo
 * sign-in, it exists only for a database on this machine and no real sign-in provider.
 */
export async function requestNow(): Promise<Date> {
  if (process.env.PREFLIGHT_TEST_CLOCK !== "1" || !isTestClockEnabled({ ...getEnv(), PREFLIGHT_TEST_CLOCK: "1" })) return new Date();
  const value = (await cookies()).get(TEST_CLOCK_COOKIE)?.value;
  const at = value ? new Date(value) : null;
  return at && !Number.isNaN(at.getTime()) ? at : new Date();
}
