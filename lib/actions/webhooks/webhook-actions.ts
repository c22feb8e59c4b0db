"use server";

import { revalidatePath } from "next/cache";
import { runAsCurrentUser, type TActionResult } from "@/lib/actions/action-result";
import { field } from "@/lib/actions/releases/form-fields";
import { createWebhook, deleteWebhook, redeliverWebhook } from "@/lib/data/webhooks/webhook-endpoints";
import type { TWebhookEvent, TWebhookFormat } from "@/lib/domain/webhooks/webhook-events";

/** Every checked "events" box, as the form claims them; the data layer validates each. */
function checkedEvents(formData: unknown): TWebhookEvent[] {
  if (!(formData instanceof FormData)) return [];
  return formData.getAll("events").filter((value) => typeof value === "string") as TWebhookEvent[];
}

export async function createWebhookAction(_previous: TActionResult | null, formData: FormData): Promise<TActionResult<{ id: string; secret: string }>> {
  const result = await runAsCurrentUser((actor) =>
    createWebhook(actor, {
      url: field(formData, "url").trim(),
      events: checkedEvents(formData),
      format: (field(formData, "format") || undefined) as TWebhookFormat | undefined,
      secret: field(formData, "secret") || undefined,
    }),
  );
  if (result.ok) revalidatePath("/admin/webhooks");
  return result;
}

export async function deleteWebhookAction(_previous: TActionResult | null, formData: FormData): Promise<TActionResult<{ url: string }>> {
  const result = await runAsCurrentUser((actor) => deleteWebhook(actor, { endpointId: field(formData, "endpointId") }));
  if (result.ok) revalidatePath("/admin/webhooks");
  return result;
}

export async function redeliverWebhookAction(_previous: TActionResult | null, formData: FormData): Promise<TActionResult<{ deliveryId: string }>> {
  const result = await runAsCurrentUser((actor) => redeliverWebhook(actor, { deliveryId: field(formData, "deliveryId") }));
  if (result.ok) revalidatePath("/admin/webhooks");
  return result;
}
