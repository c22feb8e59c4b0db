"use server";

import { revalidatePath } from "next/cache";
import { runAsCurrentUser, type TActionResult } from "@/lib/actions/action-result";
import { field } from "@/lib/actions/releases/form-fields";
import { addReleaseSeat } from "@/lib/data/sign-offs/add-release-seat";
import { requestSignOff } from "@/lib/data/sign-offs/request-sign-off";
import type { TSeatRole } from "@/lib/domain/sign-off/sign-off-policy";

function refresh(result: { ok: boolean }, releaseId: string) {
  if (result.ok) {
    revalidatePath(`/releases/${releaseId}`);
    revalidatePath("/my-work");
    revalidatePath("/dashboard");
  }
}

/** A release manager asks the seats still missing a GO to sign. */
export async function requestSignOffAction(_previous: TActionResult<{ seats: string[] }> | null, formData: FormData): Promise<TActionResult<{ seats: string[] }>> {
  const releaseId = field(formData, "releaseId");
  const result = await runAsCurrentUser((actor) => requestSignOff(actor, { releaseId }));
  refresh(result, releaseId);
  return result;
}

/** Comma- or line-separated names ("Checkout, SRE") as a list. */
const list = (value: string) => value.split(/[,\n]/).map((v) => v.trim()).filter(Boolean);

/** A release manager adds a sign-off seat to this release only. */
export async function addReleaseSeatAction(_previous: TActionResult<{ seat: string }> | null, formData: FormData): Promise<TActionResult<{ seat: string }>> {
  const releaseId = field(formData, "releaseId");
  const roles = formData instanceof FormData ? formData.getAll("roles").filter((r): r is string => typeof r === "string") : [];
  const result = await runAsCurrentUser((actor) =>
    addReleaseSeat(actor, {
      releaseId,
      name: field(formData, "name"),
      roles: roles as TSeatRole[],
      teams: list(field(formData, "teams")),
      users: list(field(formData, "users")),
      required: Number(field(formData, "required") || "1"),
    }),
  );
  refresh(result, releaseId);
  return result;
}
