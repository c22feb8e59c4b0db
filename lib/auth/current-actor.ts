import "server-only";
import type { TActor } from "@/lib/auth/permissions";

/**
 * Who is looking at a page. Until sign-in lands (issue 4) every visitor is a read-only
 * guest; this is the one place that changes when sessions arrive.
 */
export async function getCurrentActor(): Promise<TActor> {
  return { id: null, label: "guest", role: "VIEWER" };
}
