import type { Metadata } from "next";
import Link from "next/link";
import { CreateTokenForm, RevokeTokenForm } from "@/components/admin/token-forms";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { NotAllowed } from "@/components/ui/not-allowed";
import { PageHeader } from "@/components/ui/page-header";
import { requireCurrentActor } from "@/lib/auth/current-actor";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { listApiTokens } from "@/lib/data/tokens/api-tokens";

export const metadata: Metadata = { title: "API tokens" };

export default async function ApiTokensPage() {
  const actor = await requireCurrentActor();
  if (!can(actor, "tokens:manage")) {
    return <NotAllowed title="API tokens">Only admins manage API tokens.</NotAllowed>;
  }
  const tokens = await listApiTokens(actor);
  const now = new Date().toISOString();
  return (
    <>
      <PageHeader
        title="API tokens"
        description="For CI and other systems: a token acts with its role (never an admin's) through the REST API, and its writes are audited as the token."
        actions={
          <div className="flex gap-3">
            <Link href="/api-docs" className="text-sm font-medium text-brand-700 hover:underline">
              API reference
            </Link>
            <Link href="/admin" className="text-sm font-medium text-brand-700 hover:underline">
              Users
            </Link>
            <Link href="/admin/webhooks" className="text-sm font-medium text-brand-700 hover:underline">
              Webhooks
            </Link>
          </div>
        }
      />
      <section aria-labelledby="new-token" className="mb-6 rounded-xl border border-slate-200 bg-white p-4">
        <h2 id="new-token" className="mb-2 font-semibold text-slate-900">
          New token
        </h2>
        <CreateTokenForm />
      </section>
      {tokens.length === 0 ? (
        <EmptyState title="No API tokens yet">Create one above for your CI: it can post test results as evidence and ask the deploy gate.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">API tokens</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-2">Name</th>
                <th className="px-4 py-2">Token</th>
                <th className="px-4 py-2">Role</th>
                <th className="px-4 py-2">Created</th>
                <th className="px-4 py-2">Expires</th>
                <th className="px-4 py-2">Last used</th>
                <th className="px-4 py-2">State</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {tokens.map((token) => {
                const isExpired = !!token.expiresAt && token.expiresAt <= now;
                return (
                  <tr key={token.id} aria-label={token.name}>
                    <td className="px-4 py-2 font-medium">{token.name}</td>
                    <td className="px-4 py-2 font-mono text-xs">{token.prefix}_…</td>
                    <td className="px-4 py-2">{ROLE_LABELS[token.role]}</td>
                    <td className="px-4 py-2">
                      <LocalTime iso={token.createdAt} />
                      {token.createdBy ? ` by ${token.createdBy}` : ""}
                    </td>
                    <td className="px-4 py-2">{token.expiresAt ? <LocalTime iso={token.expiresAt} /> : "Never"}</td>
                    <td className="px-4 py-2">{token.lastUsedAt ? <LocalTime iso={token.lastUsedAt} /> : "Never"}</td>
                    <td className="px-4 py-2">
                      {token.revokedAt ? <>Revoked <LocalTime iso={token.revokedAt} /></> : isExpired ? "Expired" : <RevokeTokenForm tokenId={token.id} name={token.name} />}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
