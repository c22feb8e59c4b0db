"use server";

import { revalidatePath } from "next/cache";
import { runAsCurrentUser, type TActionResult } from "@/lib/actions/action-result";
import { field } from "@/lib/actions/releases/form-fields";
import { cancelRelease, reopenRelease, shipRelease } from "@/lib/data/releases/release-lifecycle";
import type { TReleaseStatus } from "@/lib/domain/checklist/types";

type TLifecycleState = TActionResult<{ releaseId: string; status: TReleaseStatus }>;

// Shipping, cancelling and reopening change what the whole page may do (a shipped release's
// controls are gone), so the page is rendered again rather than patched in the store.
async function afterwards(result: TLifecycleState, releaseId: string): Promise<TLifecycleState> {
  if (result.ok) {
    revalidatePath(`/releases/${releaseId}`);
    revalidatePath("/releases");
    revalidatePath("/dashboard");
  }
  return result;
}

export async function shipReleaseAction(_previous: TLifecycleState | null, formData: FormData): Promise<TLifecycleState> {
  const releaseId = field(formData, "releaseId");
  return afterwards(await runAsCurrentUser((actor) => shipRelease(actor, { releaseId })), releaseId);
}

export async function cancelReleaseAction(_previous: TLifecycleState | null, formData: FormData): Promise<TLifecycleState> {
  const releaseId = field(formData, "releaseId");
  return afterwards(await runAsCurrentUser((actor) => cancelRelease(actor, { releaseId, reason: field(formData, "reason") })), releaseId);
}

export async function reopenReleaseAction(_previous: TLifecycleState | null, formData: FormData): Promise<TLifecycleState> {
  const releaseId = field(formData, "releaseId");
  return afterwards(await runAsCurrentUser((actor) => reopenRelease(actor, { releaseId, reason: field(formData, "reason") })), releaseId);
}
