import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ForbiddenError, type TActor } from "@/lib/auth/permissions";
import { admitUser } from "@/lib/data/users/admit-user";
import { createAdmin } from "@/lib/data/users/create-admin";
import { setUserDisabled } from "@/lib/data/users/set-user-disabled";
import { updateUserRole } from "@/lib/data/users/update-user-role";
import { createActor } from "@/tests/helpers/actors";
import { createTestDatabase, type TTestDatabase } from "@/tests/helpers/test-database";

describe("users and roles", () => {
  let database: TTestDatabase;
  let admin: TActor;
  const audits = (entityId: string) => database.db.auditEvent.findMany({ where: { entityId }, orderBy: { createdAt: "asc" } });

  beforeAll(async () => {
    database = await createTestDatabase();
    admin = await createActor(database.db, "ADMIN", "first-admin@example.com");
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("changes a role and audits who did it, before and after", async () => {
    const member = await createActor(database.db, "MEMBER");
    expect(await updateUserRole(admin, { userId: member.id!, role: "RELEASE_MANAGER" }, database.db)).toEqual({ ok: true, data: { role: "RELEASE_MANAGER" } });
    const [event] = await audits(member.id!);
    expect(event).toMatchObject({ actorId: admin.id, action: "user.role.update", before: { role: "MEMBER" }, after: { role: "RELEASE_MANAGER" } });
  });

  it("ends a user's sessions on a role change and on disable; enabling again does not revive them", async () => {
    const member = await createActor(database.db, "MEMBER");
    const generation = async () => (await database.db.user.findUniqueOrThrow({ where: { id: member.id! } })).sessionGeneration;
    expect(await generation()).toBe(0);
    await updateUserRole(admin, { userId: member.id!, role: "VIEWER" }, database.db);
    expect(await generation()).toBe(1);
    await setUserDisabled(admin, { userId: member.id!, isDisabled: true }, database.db);
    await setUserDisabled(admin, { userId: member.id!, isDisabled: false }, database.db);
    expect(await generation()).toBe(3);
    // Nothing changed, nothing ended.
    await updateUserRole(admin, { userId: member.id!, role: "VIEWER" }, database.db);
    expect(await generation()).toBe(3);
  });

  it("never removes or disables the last admin", async () => {
    expect(await updateUserRole(admin, { userId: admin.id!, role: "VIEWER" }, database.db)).toMatchObject({
      ok: false,
      error: "This is the last admin: make someone else an admin first.",
    });
    const other = await createActor(database.db, "VIEWER");
    const asOther = { ...other, role: "ADMIN" as const };
    await database.db.user.update({ where: { id: other.id! }, data: { role: "ADMIN" } });
    await database.db.user.update({ where: { id: other.id! }, data: { disabledAt: new Date() } });
    // A disabled admin does not count.
    expect(await setUserDisabled(asOther, { userId: admin.id!, isDisabled: true }, database.db)).toMatchObject({ ok: false });
    expect(await database.db.user.findUniqueOrThrow({ where: { id: admin.id! } })).toMatchObject({ role: "ADMIN", disabledAt: null });
  });

  it("refuses to let an admin disable themselves", async () => {
    expect(await setUserDisabled(admin, { userId: admin.id!, isDisabled: true }, database.db)).toMatchObject({
      ok: false,
      error: "You cannot disable your own account.",
    });
  });

  it("disables and re-enables a user, each with an audit event", async () => {
    const member = await createActor(database.db, "MEMBER");
    expect(await setUserDisabled(admin, { userId: member.id!, isDisabled: true }, database.db)).toMatchObject({ ok: true });
    expect(await setUserDisabled(admin, { userId: member.id!, isDisabled: false }, database.db)).toMatchObject({ ok: true });
    expect((await audits(member.id!)).map((e) => e.action)).toEqual(["user.disable", "user.enable"]);
  });

  it("refuses user management to everyone but admins", async () => {
    const manager = await createActor(database.db, "RELEASE_MANAGER");
    await expect(updateUserRole(manager, { userId: manager.id!, role: "ADMIN" }, database.db)).rejects.toThrow(ForbiddenError);
    await expect(setUserDisabled(manager, { userId: admin.id!, isDisabled: true }, database.db)).rejects.toThrow(ForbiddenError);
    expect(await database.db.user.findUniqueOrThrow({ where: { id: manager.id! } })).toMatchObject({ role: "RELEASE_MANAGER" });
  });

  it("create-admin creates or promotes, and re-enables", async () => {
    const created = await createAdmin(admin, "New.Boss@Example.com", database.db);
    expect(created).toMatchObject({ ok: true, data: { isNew: true } });
    const viewer = await createActor(database.db, "VIEWER");
    await database.db.user.update({ where: { id: viewer.id! }, data: { disabledAt: new Date() } });
    expect(await createAdmin(admin, viewer.label, database.db)).toMatchObject({ ok: true, data: { isNew: false } });
    expect(await database.db.user.findUniqueOrThrow({ where: { id: viewer.id! } })).toMatchObject({ role: "ADMIN", disabledAt: null });
    expect(await createAdmin(admin, "not-an-email", database.db)).toMatchObject({ ok: false });
  });
});

describe("admission at sign-in", () => {
  let database: TTestDatabase;
  const rules = { allowedDomains: ["example.com"], adminEmails: ["chief@example.com"] };

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("creates a first-time user as a viewer, with an audit event", async () => {
    const admission = await admitUser({ email: "New.Person@Example.com", name: "New" }, { db: database.db, rules });
    expect(admission.ok).toBe(true);
    const user = await database.db.user.findUniqueOrThrow({ where: { email: "new.person@example.com" } });
    expect(user.role).toBe("VIEWER");
    expect(await database.db.auditEvent.count({ where: { entityId: user.id, action: "user.create" } })).toBe(1);
  });

  it("makes listed emails admins, and promotes them on a later sign-in", async () => {
    await database.db.user.create({ data: { email: "chief@example.com", role: "MEMBER" } });
    expect((await admitUser({ email: "chief@example.com" }, { db: database.db, rules })).ok).toBe(true);
    expect(await database.db.user.findUniqueOrThrow({ where: { email: "chief@example.com" } })).toMatchObject({ role: "ADMIN" });
  });

  it.each([
    ["an email outside the allowed domains", { email: "someone@elsewhere.org" }],
    ["an unverified email", { email: "x@example.com", isEmailVerified: false }],
    ["no email at all", { email: null }],
  ])("refuses %s, and creates nobody", async (_label, profile) => {
    const before = await database.db.user.count();
    expect(await admitUser(profile, { db: database.db, rules })).toEqual({ ok: false });
    expect(await database.db.user.count()).toBe(before);
  });

  it("refuses a disabled user", async () => {
    await database.db.user.create({ data: { email: "gone@example.com", disabledAt: new Date() } });
    expect(await admitUser({ email: "gone@example.com" }, { db: database.db, rules })).toEqual({ ok: false });
  });
});
