import "server-only";
import type { TActor } from "@/lib/auth/permissions";
import { getReleaseLive, type TReleaseLive } from "@/lib/data/releases/get-release-live";
import { requestNow } from "@/lib/clock";
import type { TLiveItem } from "@/lib/data/releases/live-item";

/** What every release action answers: the item as saved and the release as it stands now, for the page's store. */
export type TReleaseChange = { item: TLiveItem | null; live: TReleaseLive | null };

export async function releaseChange(actor: TActor, releaseId: string, item: TLiveItem | null = null): Promise<TReleaseChange> {
  return { item, live: await getReleaseLive(actor, releaseId, { now: await requestNow() }) };
}
