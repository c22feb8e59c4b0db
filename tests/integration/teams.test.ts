import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ForbiddenError, type TActor } from "@/lib/auth/permissions";
import { getMyWork } from "@/lib/data/my-work/get-my-work";
import { getOwnerDirectory } from "@/lib/data/owners/get-owner-directory";
import { getOwnerSelf } from "@/lib/data/owners/get-owner-self";
import { createRelease } from "@/lib/data/releases/create-release";
import { updateItemDetails } from "@/lib/data/releases/update-item-details";
import { addTeamMember } from "@/lib/data/teams/add-team-member";
import { createTeam } from "@/lib/data/teams/create-team";
import { deleteTeam } from "@/lib/data/teams/delete-team";
import { listTeams } from "@/lib/data/teams/list-teams";
import { removeTeamMember } from "@/lib/data/teams/remove-team-member";
import { renameTeam } from "@/lib/data/teams/rename-team";
import { importTemplate } from "@/lib/data/templates/import-template";
import { describeEvent } from "@/lib/domain/audit/describe-event";
import { isOwnedBy, ownerKeysOf } from "@/lib/domain/owners/owners";
import { createActor } from "@/tests/helpers/actors";
import { unwrap } from "@/tests/helpers/unwrap";
import { createTestDatabase, type TTestDatabase } from "@/tests/helpers/test-database";

// Teams on PostgreSQL: admins manage them (each change audited in its own transaction), and
// an owner that names me or one of my teams puts an item in My work and under "Mine".
describe("teams and My work", () => {
  let database: TTestDatabase;
  let admin: TActor;
  let manager: TActor;
  let templateVersionId = "";
  const NOW = new Date("2026-11-23T09:00:00Z");

  const teamEvents = (teamId: string) => database.db.auditEvent.findMany({ where: { entityType: "Team", entityId: teamId }, orderBy: { seq: "asc" } });
  const person = async (name: string) => {
    const actor = await createActor(database.db, "MEMBER");
    await database.db.user.update({ where: { id: actor.id! }, data: { name } });
    return { actor, email: actor.label };
  };
  /** A release of the template; its items by key. */
  async function newRelease(name: string) {
    const { releaseId } = unwrap(await createRelease(manager, { templateVersionId, name, service: "svc", version: name, environment: "prod" }, database.db));
    const items = await database.db.releaseItem.findMany({ where: { releaseId } });
    return { releaseId, item: (key: string) => items.find((i) => i.key === key)! };
  }
  const setItem = (id: string, data: { owner?: string | null; dueDate?: Date | null; status?: "DONE" | "OPEN" | "BLOCKED"; evidenceRequired?: boolean }) =>
    database.db.releaseItem.update({ where: { id }, data });

  beforeAll(async () => {
    database = await createTestDatabase();
    admin = await createActor(database.db, "ADMIN");
    manager = await createActor(database.db, "RELEASE_MANAGER");
    const source = "# Work\n\n## Checks\n\n- [ ] Alpha\n- [ ] Bravo\n- [ ] Charlie\n- [ ] Delta\n- [ ] Echo\n- [ ] Foxtrot\n- [ ] Golf\n";
    templateVersionId = unwrap(await importTemplate(admin, { source }, database.db)).versionId;
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("creates, renames and deletes a team and manages its members, each change audited", async () => {
    const ada = await person("Ada Lovelace");
    const { teamId } = unwrap(await createTeam(admin, { name: "  SRE " }, database.db));
    expect(await createTeam(admin, { name: "sre" }, database.db)).toMatchObject({ ok: false, code: "invalid", error: "Another team already has that name." });
    expect(await createTeam(admin, { name: "" }, database.db)).toMatchObject({ ok: false, code: "invalid" });
    expect(await createTeam(admin, { name: "Two\nlines" }, database.db)).toMatchObject({ ok: false, code: "invalid" });

    expect(unwrap(await addTeamMember(admin, { teamId, userId: ada.actor.id! }, database.db))).toEqual({ isAdded: true });
    // Adding again changes nothing and records nothing.
    expect(unwrap(await addTeamMember(admin, { teamId, userId: ada.actor.id! }, database.db))).toEqual({ isAdded: false });
    const { teams } = await listTeams(admin, database.db);
    expect(teams.find((t) => t.id === teamId)).toMatchObject({ name: "SRE", members: [{ userId: ada.actor.id, email: ada.email, name: "Ada Lovelace" }] });

    const renamed = unwrap(await renameTeam(admin, { teamId, name: "Site Reliability" }, database.db));
    expect(renamed).toEqual({ name: "Site Reliability", previousName: "SRE", openItemsNamingPrevious: 0 });
    expect(unwrap(await removeTeamMember(admin, { teamId, userId: ada.actor.id! }, database.db))).toEqual({ isRemoved: true });
    unwrap(await addTeamMember(admin, { teamId, userId: ada.actor.id! }, database.db));
    expect(unwrap(await deleteTeam(admin, { teamId }, database.db))).toEqual({ name: "Site Reliability", openItemsNamingIt: 0 });
    expect(await database.db.team.findUnique({ where: { id: teamId } })).toBeNull();
    expect(await database.db.teamMember.count({ where: { teamId } })).toBe(0);
    expect(await deleteTeam(admin, { teamId }, database.db)).toMatchObject({ ok: false, code: "not_found" });

    const events = await teamEvents(teamId);
    expect(events.map((e) => e.action)).toEqual(["team.create", "team.member.add", "team.rename", "team.member.remove", "team.member.add", "team.delete"]);
    expect(events.every((e) => e.actorId === admin.id && e.releaseId === null)).toBe(true);
    expect(events.at(-1)).toMatchObject({ after: { name: "Site Reliability", members: [ada.email] } });
    expect(events.map((e) => describeEvent({ ...e, before: e.before as Record<string, unknown> | null, after: e.after as Record<string, unknown> | null }))).toEqual([
      "created the team SRE",
      `added ${ada.email} to the team SRE`,
      "renamed the team SRE to Site Reliability",
      `removed ${ada.email} from the team Site Reliability`,
      `added ${ada.email} to the team Site Reliability`,
      `deleted the team Site Reliability (members: ${ada.email})`,
    ]);
  });

  it("refuses a disabled person as a member, and a name another team has whatever its case", async () => {
    const { teamId } = unwrap(await createTeam(admin, { name: "Payments" }, database.db));
    unwrap(await createTeam(admin, { name: "Billing" }, database.db));
    expect(await renameTeam(admin, { teamId, name: "BILLING" }, database.db)).toMatchObject({ ok: false, error: "Another team already has that name." });
    // A change of case is a rename like any other.
    expect(unwrap(await renameTeam(admin, { teamId, name: "payments" }, database.db))).toMatchObject({ name: "payments" });
    const gone = await person("Gone Person");
    await database.db.user.update({ where: { id: gone.actor.id! }, data: { disabledAt: new Date() } });
    expect(await addTeamMember(admin, { teamId, userId: gone.actor.id! }, database.db)).toMatchObject({ ok: false, code: "invalid" });
    expect(await database.db.teamMember.count({ where: { teamId } })).toBe(0);
  });

  it("refuses team management to everyone but admins, changing nothing", async () => {
    const { teamId } = unwrap(await createTeam(admin, { name: "Guarded" }, database.db));
    const outsider = await person("Outsider");
    const before = await teamEvents(teamId);
    for (const role of ["RELEASE_MANAGER", "MEMBER", "VIEWER"] as const) {
      const actor = await createActor(database.db, role);
      await expect(createTeam(actor, { name: `By ${role}` }, database.db)).rejects.toThrow(ForbiddenError);
      await expect(renameTeam(actor, { teamId, name: "Taken over" }, database.db)).rejects.toThrow(ForbiddenError);
      await expect(deleteTeam(actor, { teamId }, database.db)).rejects.toThrow(ForbiddenError);
      await expect(addTeamMember(actor, { teamId, userId: outsider.actor.id! }, database.db)).rejects.toThrow(ForbiddenError);
      await expect(removeTeamMember(actor, { teamId, userId: outsider.actor.id! }, database.db)).rejects.toThrow(ForbiddenError);
      await expect(listTeams(actor, database.db)).rejects.toThrow(ForbiddenError);
    }
    expect(await database.db.team.findUniqueOrThrow({ where: { id: teamId } })).toMatchObject({ name: "Guarded" });
    expect(await database.db.team.count({ where: { name: { startsWith: "By " } } })).toBe(0);
    expect(await database.db.teamMember.count({ where: { teamId } })).toBe(0);
    expect(await teamEvents(teamId)).toEqual(before);
  });

  it("My work lists what I and my teams own in open releases, overdue first, then by due date, then undated", async () => {
    const mina = await person("Mina Member");
    const other = await person("Otto Other");
    const ops = unwrap(await createTeam(admin, { name: "Ops" }, database.db));
    const web = unwrap(await createTeam(admin, { name: "Web" }, database.db));
    unwrap(await addTeamMember(admin, { teamId: ops.teamId, userId: mina.actor.id! }, database.db));
    unwrap(await addTeamMember(admin, { teamId: web.teamId, userId: other.actor.id! }, database.db));

    const open = await newRelease("Open 1.0");
    // The owner field takes a team reference as it takes any text (update-item-details is unchanged).
    unwrap(await updateItemDetails(mina.actor, { itemId: open.item("alpha").id, expectedVersion: 1, owner: "team:Ops", dueDate: "2026-11-20" }, database.db));
    await setItem(open.item("bravo").id, { owner: mina.email.toUpperCase(), dueDate: new Date("2026-12-01") });
    await setItem(open.item("charlie").id, { owner: " Mina Member " });
    await setItem(open.item("delta").id, { owner: mina.email, dueDate: new Date("2026-11-24"), status: "BLOCKED" });
    await setItem(open.item("echo").id, { owner: mina.email, status: "DONE" }); // done: not listed
    await setItem(open.item("foxtrot").id, { owner: "team:Web", dueDate: new Date("2026-11-01") }); // not my team
    // Done, but the evidence it needs is missing: still work to do, and it says why.
    await setItem(open.item("golf").id, { owner: "team:ops", status: "DONE", evidenceRequired: true, dueDate: new Date("2026-11-22") });

    const shipped = await newRelease("Shipped 0.9");
    await setItem(shipped.item("alpha").id, { owner: mina.email, dueDate: new Date("2026-01-01") });
    await database.db.release.update({ where: { id: shipped.releaseId }, data: { status: "SHIPPED", closedAt: NOW } });
    const cancelled = await newRelease("Cancelled 0.8");
    await setItem(cancelled.item("alpha").id, { owner: "team:Ops" });
    await database.db.release.update({ where: { id: cancelled.releaseId }, data: { status: "CANCELLED", closedAt: NOW, closeReason: "No" } });

    const work = await getMyWork(mina.actor, { db: database.db, now: NOW });
    expect(work.teams).toEqual(["Ops"]);
    expect(work.today).toBe("2026-11-23");
    expect(work.items.map((i) => [i.itemKey, i.dueDate, i.isOverdue, i.ownedBy])).toEqual([
      ["alpha", "2026-11-20", true, "Ops (team)"],
      ["golf", "2026-11-22", true, "Ops (team)"],
      ["delta", "2026-11-24", false, "You"],
      ["bravo", "2026-12-01", false, "You"],
      ["charlie", null, false, "You"],
    ]);
    expect(work.items.every((i) => i.releaseId === open.releaseId && i.releaseName === "Open 1.0")).toBe(true);
    expect(work.items.find((i) => i.itemKey === "golf")).toMatchObject({ status: "DONE", statusLabel: "Done", note: expect.stringMatching(/no evidence/) });
    expect(work.items.find((i) => i.itemKey === "delta")).toMatchObject({ statusLabel: "Blocked", note: null, text: "Delta" });

    // The other person sees only their team's item; someone with nothing sees nothing.
    expect((await getMyWork(other.actor, { db: database.db, now: NOW })).items.map((i) => i.itemKey)).toEqual(["foxtrot"]);
    const idle = await person("Idle Person");
    expect(await getMyWork(idle.actor, { db: database.db, now: NOW })).toEqual({ items: [], teams: [], today: "2026-11-23", signOffs: [] });

    // "Mine" on the release page: the same owner keys, as a pure rule over the page's items.
    const self = await getOwnerSelf(mina.actor, database.db);
    const keys = ownerKeysOf(self!);
    const items = await database.db.releaseItem.findMany({ where: { releaseId: open.releaseId }, orderBy: { position: "asc" } });
    expect(items.filter((i) => isOwnedBy(i.owner, keys)).map((i) => i.key)).toEqual(["alpha", "bravo", "charlie", "delta", "echo", "golf"]);

    // Leaving the team takes its items off My work.
    unwrap(await removeTeamMember(admin, { teamId: ops.teamId, userId: mina.actor.id! }, database.db));
    expect((await getMyWork(mina.actor, { db: database.db, now: NOW })).items.map((i) => i.itemKey)).toEqual(["delta", "bravo", "charlie"]);
  });

  it("renaming or deleting a team leaves the items that name it as they are, and says how many open ones do", async () => {
    const { teamId } = unwrap(await createTeam(admin, { name: "Data" }, database.db));
    const release = await newRelease("Data 1.0");
    await setItem(release.item("alpha").id, { owner: "team:Data" });
    await setItem(release.item("bravo").id, { owner: "TEAM:data" });
    expect((await listTeams(admin, database.db)).teams.find((t) => t.id === teamId)).toMatchObject({ openReleaseItems: 2 });
    expect(unwrap(await renameTeam(admin, { teamId, name: "Data Platform" }, database.db))).toMatchObject({ openItemsNamingPrevious: 2 });
    expect((await database.db.releaseItem.findUniqueOrThrow({ where: { id: release.item("alpha").id } })).owner).toBe("team:Data");
    await setItem(release.item("charlie").id, { owner: "team:Data Platform" });
    expect(unwrap(await deleteTeam(admin, { teamId }, database.db))).toMatchObject({ openItemsNamingIt: 1 });
    expect((await database.db.releaseItem.findUniqueOrThrow({ where: { id: release.item("charlie").id } })).owner).toBe("team:Data Platform");
  });

  it("offers enabled people and every team as owners to anyone who can read releases", async () => {
    const viewer = await createActor(database.db, "VIEWER");
    const disabled = await person("Disabled Dora");
    await database.db.user.update({ where: { id: disabled.actor.id! }, data: { disabledAt: new Date() } });
    const directory = await getOwnerDirectory(viewer, database.db);
    expect(directory.teams).toContain("Ops");
    expect(directory.users.map((u) => u.email)).toContain(viewer.label);
    expect(directory.users.map((u) => u.email)).not.toContain(disabled.email);
  });
});
