import type { Metadata } from "next";
import Link from "next/link";
import { CreateWebhookForm, DeleteWebhookForm, RedeliverWebhookForm } from "@/components/admin/webhook-forms";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { NotAllowed } from "@/components/ui/not-allowed";
import { PageHeader } from "@/components/ui/page-header";
import { requireCurrentActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { MAX_ATTEMPTS } from "@/lib/data/webhooks/enqueue-webhooks";
import { listWebhooks, type TWebhookView } from "@/lib/data/webhooks/webhook-endpoints";
import {
  DELIVERY_HEADER,
  EVENT_HEADER,
  SIGNATURE_HEADER,
  WEBHOOK_EVENT_LABELS,
  WEBHOOK_EVENTS,
  WEBHOOK_FORMATS,
  type TWebhookFormat,
} from "@/lib/domain/webhooks/webhook-events";
import { formatUtc } from "@/lib/domain/time/format-time";

export const metadata: Metadata = { title: "Webhooks" };

const FORMAT_LABELS: Record<TWebhookFormat, string> = { json: "JSON", slack: "Slack-compatible" };
const STATUS_LABELS: Record<TWebhookView["deliveries"][number]["status"], string> = { delivered: "Delivered", failed: "Failed", pending: "Pending" };
const STATUS_STYLES: Record<TWebhookView["deliveries"][number]["status"], string> = {
  delivered: "text-emerald-700",
  failed: "text-red-700",
  pending: "text-amber-700",
};

/** A delivery's time as its Redeliver button names it: UTC, the same for every reader. */
const when = (iso: string) => formatUtc(iso, { seconds: true });
const attempts = (n: number) => `${n} ${n === 1 ? "attempt" : "attempts"}`;
const link = "text-sm font-medium text-brand-700 hover:underline";

export default async function WebhooksPage() {
  const actor = await requireCurrentActor();
  if (!can(actor, "webhooks:manage")) {
    return <NotAllowed title="Webhooks">Only admins manage webhooks.</NotAllowed>;
  }
  const endpoints = await listWebhooks(actor);
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Preflight POSTs to your endpoints when an event they subscribe to happens: a verdict changes, a sign-off is recorded or voided, a release ships, an item is blocked."
        actions={
          <div className="flex gap-3">
            <Link href="/admin" className={link}>
              Users
            </Link>
            <Link href="/admin/tokens" className={link}>
              API tokens
            </Link>
          </div>
        }
      />
      {process.env.PREFLIGHT_EMBEDDED_DATABASE === "1" ? (
        <p role="note" className="mb-6 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          This Preflight runs on its embedded database, which cannot run the delivery queue: events are recorded here but not sent. Run it on a PostgreSQL
          server (set <code>DATABASE_URL</code>) to deliver them; everything queued meanwhile is then delivered.
        </p>
      ) : null}
      <section aria-labelledby="webhook-deliveries" className="mb-6 rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-700">
        <h2 id="webhook-deliveries" className="mb-2 font-semibold text-slate-900">
          What each delivery carries
        </h2>
        <ul className="grid list-disc gap-1 pl-5">
          <li>
            <code>{SIGNATURE_HEADER}: t=&lt;unix&gt;,v1=&lt;hex&gt;</code>, where <code>v1</code> is the hex HMAC-SHA256 of <code>&lt;t&gt;.&lt;body&gt;</code> with the
            endpoint&apos;s secret. Recompute it, compare in constant time, and refuse an old <code>t</code>.
          </li>
          <li>
            <code>{DELIVERY_HEADER}</code>: the delivery&apos;s idempotency id, the same on every retry and redelivery, so a receiver can ignore a repeat.
          </li>
          <li>
            <code>{EVENT_HEADER}</code>: the event, such as <code>verdict.changed</code>.
          </li>
          <li>An answer other than 2xx is retried with backoff: about {MAX_ATTEMPTS} attempts over half an hour.</li>
          <li>
            The Slack-compatible format posts <code>{"{ text }"}</code>, for a Slack incoming webhook.
          </li>
        </ul>
      </section>
      <section aria-labelledby="new-webhook" className="mb-6 rounded-xl border border-slate-200 bg-white p-4">
        <h2 id="new-webhook" className="mb-2 font-semibold text-slate-900">
          New endpoint
        </h2>
        <CreateWebhookForm
          events={WEBHOOK_EVENTS.map((event) => ({ value: event, label: WEBHOOK_EVENT_LABELS[event] }))}
          formats={WEBHOOK_FORMATS.map((format) => ({ value: format, label: FORMAT_LABELS[format] }))}
        />
      </section>
      {endpoints.length === 0 ? (
        <EmptyState title="No endpoints yet">
          Register an endpoint with the form above to hear about verdict changes, sign-offs, shipped releases and blocked items as they happen.
        </EmptyState>
      ) : (
        <div className="grid gap-6">
          {endpoints.map((endpoint) => (
            <EndpointSection key={endpoint.id} endpoint={endpoint} />
          ))}
        </div>
      )}
    </>
  );
}

function EndpointSection({ endpoint }: { endpoint: TWebhookView }) {
  return (
    <section aria-label={endpoint.url} className="rounded-xl border border-slate-200 bg-white">
      <div className="flex flex-wrap items-start justify-between gap-3 p-4">
        <div className="grid gap-1 text-sm text-slate-700">
          <h2 className="break-all font-mono font-semibold text-slate-900">{endpoint.url}</h2>
          <p>
            Events:{" "}
            {endpoint.events.map((event, index) => (
              <span key={event}>
                {index > 0 ? ", " : ""}
                {WEBHOOK_EVENT_LABELS[event] ?? event} <code className="text-xs text-slate-500">{event}</code>
              </span>
            ))}
          </p>
          <p>Format: {FORMAT_LABELS[endpoint.format] ?? endpoint.format}</p>
          <p>
            Created <LocalTime iso={endpoint.createdAt} />
            {endpoint.createdBy ? ` by ${endpoint.createdBy}` : ""}
          </p>
        </div>
        <DeleteWebhookForm endpointId={endpoint.id} url={endpoint.url} />
      </div>
      {endpoint.deliveries.length === 0 ? (
        <p className="border-t border-slate-200 px-4 py-3 text-sm text-slate-600">
          No deliveries yet: one is sent and listed here, with a Redeliver button, as soon as one of its events happens
          {endpoint.events[0] ? ` (such as “${WEBHOOK_EVENT_LABELS[endpoint.events[0]] ?? endpoint.events[0]}”)` : ""}.
        </p>
      ) : (
        <div className="overflow-x-auto border-t border-slate-200">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Deliveries to {endpoint.url}</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-2">Time</th>
                <th scope="col" className="px-4 py-2">Event</th>
                <th scope="col" className="px-4 py-2">Release</th>
                <th scope="col" className="px-4 py-2">Status</th>
                <th scope="col" className="px-4 py-2">Last answer</th>
                <th scope="col" className="px-4 py-2"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {endpoint.deliveries.map((delivery) => (
                <tr key={delivery.id}>
                  <td className="whitespace-nowrap px-4 py-2">
                    <LocalTime iso={delivery.createdAt} seconds />
                  </td>
                  <td className="px-4 py-2 font-mono text-xs">{delivery.event}</td>
                  <td className="px-4 py-2">{delivery.releaseName ?? "—"}</td>
                  <td className="px-4 py-2">
                    <span className={`font-medium ${STATUS_STYLES[delivery.status]}`}>{STATUS_LABELS[delivery.status]}</span>
                    <span className="block text-xs text-slate-500">{attempts(delivery.attempts)}</span>
                  </td>
                  <td className="max-w-xs break-words px-4 py-2">
                    {delivery.lastStatusCode === null && !delivery.lastError ? "—" : null}
                    {delivery.lastStatusCode !== null ? `HTTP ${delivery.lastStatusCode}` : null}
                    {delivery.lastStatusCode !== null && delivery.lastError ? ": " : null}
                    {delivery.lastError}
                  </td>
                  <td className="px-4 py-2 text-right">
                    <RedeliverWebhookForm deliveryId={delivery.id} event={delivery.event} time={when(delivery.createdAt)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
