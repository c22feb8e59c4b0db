import type { Metadata } from "next";
import Link from "next/link";
import { AddTeamMemberForm, CreateTeamForm, DeleteTeamForm, RemoveTeamMemberForm, RenameTeamForm } from "@/components/admin/team-forms";
import { EmptyState } from "@/components/ui/empty-state";
import { NotAllowed } from "@/components/ui/not-allowed";
import { PageHeader } from "@/components/ui/page-header";
import { requireCurrentActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { listTeams } from "@/lib/data/teams/list-teams";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage() {
  const actor = await requireCurrentActor();
  if (!can(actor, "teams:manage")) {
    return <NotAllowed title="Teams">Only admins can manage teams.</NotAllowed>;
  }
  const { teams, people } = await listTeams(actor);
  return (
    <>
      <PageHeader
        title="Teams"
        description="Teams own checklist items: an item owned by a team is in the My work list of each of its members, and under “Mine” on its release."
        actions={
          <Link href="/admin" className="text-sm font-medium text-brand-700 hover:underline">
            Users
          </Link>
        }
      />
      <section aria-labelledby="new-team" className="mb-6 rounded-xl border border-slate-200 bg-white p-4">
        <h2 id="new-team" className="mb-2 font-semibold text-slate-900">New team</h2>
        <CreateTeamForm />
      </section>
      {teams.length === 0 ? (
        <EmptyState title="No teams yet">
          Create a team above, then add its members. Items can then be given to the team as their owner (“team:SRE” in an imported checklist),
          and every member finds them in My work.
        </EmptyState>
      ) : (
        <ul className="space-y-4">
          {teams.map((team) => {
            const memberIds = new Set(team.members.map((m) => m.userId));
            const candidates = people.filter((p) => !memberIds.has(p.userId)).map((p) => ({ userId: p.userId, label: p.name ? `${p.name} (${p.email})` : p.email }));
            return (
              <li key={team.id}>
                <section aria-labelledby={`team-${team.id}`} className="rounded-xl border border-slate-200 bg-white p-4">
                  <div className="flex flex-wrap items-start justify-between gap-4">
                    <div>
                      <h2 id={`team-${team.id}`} className="font-semibold text-slate-900">{team.name}</h2>
                      <p className="text-xs text-slate-600">
                        {team.members.length} member{team.members.length === 1 ? "" : "s"} · owns {team.openReleaseItems} item
                        {team.openReleaseItems === 1 ? "" : "s"} in open releases
                      </p>
                    </div>
                    <DeleteTeamForm teamId={team.id} name={team.name} openItems={team.openReleaseItems} />
                  </div>
                  <div className="mt-3">
                    <RenameTeamForm teamId={team.id} name={team.name} />
                  </div>
                  <h3 className="mt-4 text-sm font-medium text-slate-900">Members</h3>
                  {team.members.length === 0 ? (
                    <p className="mt-1 text-sm text-slate-600">No members yet, so the items this team owns are in nobody’s My work: add someone with the form below.</p>
                  ) : (
                    <ul aria-label={`Members of ${team.name}`} className="mt-1 divide-y divide-slate-100">
                      {team.members.map((member) => (
                        <li key={member.userId} className="flex items-center justify-between gap-4 py-2 text-sm">
                          <span>
                            <span className="font-medium text-slate-900">{member.name ?? member.email}</span>
                            {member.name ? <span className="ml-2 text-slate-600">{member.email}</span> : null}
                            {member.isDisabled ? <span className="ml-2 text-xs text-slate-500">(disabled)</span> : null}
                          </span>
                          <RemoveTeamMemberForm teamId={team.id} teamName={team.name} userId={member.userId} email={member.email} />
                        </li>
                      ))}
                    </ul>
                  )}
                  <div className="mt-3">
                    <AddTeamMemberForm teamId={team.id} name={team.name} candidates={candidates} />
                  </div>
                </section>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
