"use client";

import { startTransition, useActionState } from "react";
import { adminButton as button, ConfirmedAction, ShownOnce } from "@/components/admin/admin-forms";
import { PendingButton, WaitingButton } from "@/components/ui/pending-button";
import { createWebhookAction, deleteWebhookAction, redeliverWebhookAction } from "@/lib/actions/webhooks/webhook-actions";

const input = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm";

/** A choice as the page offers it (the event list lives in lib/domain, which this client file does not import). */
export type TWebhookChoice = { value: string; label: string };

/** Registers an endpoint and shows its signing secret once, with a copy button. */
export function CreateWebhookForm({ events, formats }: { events: TWebhookChoice[]; formats: TWebhookChoice[] }) {
  const [state, action, isPending] = useActionState(createWebhookAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const fieldError = (name: string) => (errors[name]?.[0] ? <span className="block text-xs text-red-700">{errors[name][0]}</span> : null);
  return (
    <div>
      {/* Dispatched by hand, not as the form's action: React resets a form after its action, which would lose what was typed when it is refused. */}
      <form
        className="grid gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          startTransition(() => action(data));
        }}
      >
        <label className="grid max-w-xl gap-1 text-sm text-slate-700">
          URL
          <input name="url" type="url" required maxLength={2000} className={input} placeholder="https://hooks.example.com/preflight" />
          {fieldError("url")}
        </label>
        <fieldset className="grid gap-1 text-sm text-slate-700">
          <legend className="mb-1">Events</legend>
          {events.map((event) => (
            <label key={event.value} className="flex items-center gap-2">
              <input type="checkbox" name="events" value={event.value} />
              {event.label} <code className="text-xs text-slate-500">{event.value}</code>
            </label>
          ))}
          {fieldError("events")}
        </fieldset>
        <fieldset className="flex flex-wrap gap-4 text-sm text-slate-700">
          <legend className="mb-1">Format</legend>
          {formats.map((format, index) => (
            <label key={format.value} className="flex items-center gap-2">
              <input type="radio" name="format" value={format.value} defaultChecked={index === 0} />
              {format.label}
            </label>
          ))}
        </fieldset>
        <label className="grid max-w-xl gap-1 text-sm text-slate-700">
          Secret (optional)
          <input name="secret" maxLength={200} autoComplete="off" className={`${input} font-mono`} placeholder="Leave empty to generate one" />
          {fieldError("secret")}
        </label>
        <div>
          {/* Not a PendingButton: the form status only sees a form's own action, and this one is dispatched by hand. */}
          <WaitingButton type="submit" isPending={isPending} pendingText="Registering…" className={button}>
            Register endpoint
          </WaitingButton>
        </div>
      </form>
      {state && !state.ok ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
      {state?.ok ? (
        <ShownOnce label="Signing secret" value={state.data.secret} heading="Endpoint registered. Copy its signing secret now: it is shown only once.">
          Your endpoint checks each delivery&apos;s signature with it (see above).
        </ShownOnce>
      ) : null}
    </div>
  );
}

export function DeleteWebhookForm({ endpointId, url }: { endpointId: string; url: string }) {
  return <ConfirmedAction action={deleteWebhookAction} fields={{ endpointId }} verb={{ idle: "Delete", pending: "Deleting…" }} name={url} />;
}

/** Sends one delivery again, with the same Preflight-Delivery id. */
export function RedeliverWebhookForm({ deliveryId, event, time }: { deliveryId: string; event: string; time: string }) {
  const [state, action] = useActionState(redeliverWebhookAction, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="deliveryId" value={deliveryId} />
      <PendingButton pendingText="Queueing…" aria-label={`Redeliver ${event} of ${time}`} pendingLabel={`Queueing ${event} of ${time} again`} className={button}>
        Redeliver
      </PendingButton>
      {state?.ok ? (
        <span role="status" className="text-xs text-slate-600">
          Queued
        </span>
      ) : null}
      {state && !state.ok ? (
        <span role="alert" className="text-xs text-red-700">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
