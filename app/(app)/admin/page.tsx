import type { Metadata } from "next";
import Link from "next/link";
import { UserRoleForm, UserStatusForm } from "@/components/admin/user-row-forms";
import { NotAllowed } from "@/components/ui/not-allowed";
import { PageHeader } from "@/components/ui/page-header";
import { requireCurrentActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { listUsers } from "@/lib/data/users/list-users";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  const actor = await requireCurrentActor();
  if (!can(actor, "users:manage")) {
    return <NotAllowed title="Admin">Only admins can manage people and roles.</NotAllowed>;
  }
  const users = await listUsers(actor);
  return (
    <>
      <PageHeader
        title="Users"
        description="Who may do what. New users start as viewers; changes take effect on their next request."
        actions={
          <div className="flex gap-3">
            {can(actor, "teams:manage") ? (
              <Link href="/admin/teams" className="text-sm font-medium text-brand-700 hover:underline">
                Teams
              </Link>
            ) : null}
            {can(actor, "tokens:manage") ? (
              <Link href="/admin/tokens" className="text-sm font-medium text-brand-700 hover:underline">
                API tokens
              </Link>
            ) : null}
            {can(actor, "webhooks:manage") ? (
              <Link href="/admin/webhooks" className="text-sm font-medium text-brand-700 hover:underline">
                Webhooks
              </Link>
            ) : null}
          </div>
        }
      />
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Users and their roles</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-2">Person</th>
              <th scope="col" className="px-4 py-2">Role</th>
              <th scope="col" className="px-4 py-2">Status</th>
              <th scope="col" className="px-4 py-2"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {users.map((user) => (
              <tr key={user.id} className={user.isDisabled ? "bg-slate-50 text-slate-500" : undefined}>
                <th scope="row" className="px-4 py-3 font-normal">
                  <span className="block font-medium text-slate-900">{user.name ?? user.email}</span>
                  <span className="block text-slate-600">{user.email}</span>
                </th>
                <td className="px-4 py-3">
                  <UserRoleForm userId={user.id} email={user.email} role={user.role} />
                </td>
                <td className="px-4 py-3">{user.isDisabled ? "Disabled" : "Active"}</td>
                <td className="px-4 py-3 text-right">
                  {user.id === actor.id ? (
                    <span className="text-xs text-slate-500">You</span>
                  ) : (
                    <UserStatusForm userId={user.id} email={user.email} isDisabled={user.isDisabled} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
