import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { TActor } from "@/lib/auth/permissions";
import { addComment } from "@/lib/data/releases/add-comment";
import { addEvidence } from "@/lib/data/releases/add-evidence";
import { importRelease } from "@/lib/data/releases/import-release";
import { createDb, type TDb } from "@/lib/db";
import { appUrl, launchBrowser, visible } from "@/tests/e2e/browser";
import { createActor } from "@/tests/helpers/actors";
import { callServerAction, sessionCookie } from "@/tests/helpers/http-client";

const MARK = "window.__xss=1";
const STACK_TRACE = /\n\s+at \S.*\(|node_modules\/|\.ts:\d+:\d+/;

describe("hostile input and tampered access, against the running app", () => {
  let db: TDb;
  let browser: Browser;
  let admin: TActor;
  let releaseId: string;
  let itemId: string;
  const base = () => inject("baseUrl");
  const secret = () => inject("sessionSecret");
  const tick = (cookie: string | undefined, extra: { origin?: string } = {}) =>
    db.releaseItem.findUniqueOrThrow({ where: { id: itemId } }).then((item) =>
      callServerAction(base(), { page: `/releases/${releaseId}`, action: "updateItemStatusAction", args: [{ itemId, expectedVersion: item.version, status: item.status === "DONE" ? "OPEN" : "DONE" }], cookie, ...extra }),
    );

  beforeAll(async () => {
    db = createDb(inject("databaseUrl"));
    browser = await launchBrowser();
    admin = await createActor(db, "ADMIN");
    await db.user.update({ where: { id: admin.id! }, data: { name: `<img src=x onerror="${MARK}">Mallory` } });
    const source = [
      "# <script>window.__xss=1</script>Hostile",
      "",
      "## <svg onload=\"window.__xss=1\">Section",
      "",
      `- [ ] <script>${MARK}</script> Script item`,
      `- [ ] <img src=x onerror="${MARK};alert(1)"> Image item`,
      "- [ ] [Link item](javascript:window.__xss=1)",
      "",
    ].join("\n");
    const imported = await importRelease(admin, { name: `<img src=x onerror="${MARK}">Hostile release`, service: "<b>svc</b>", version: "1", environment: "prod", source }, db);
    if (!imported.ok) throw new Error(imported.error);
    releaseId = imported.data.releaseId;
    itemId = (await db.releaseItem.findFirstOrThrow({ where: { releaseId }, orderBy: { position: "asc" } })).id;
    await addEvidence(admin, { kind: "NOTE", itemId, note: `"><script>${MARK}</script>` }, db);
    await addEvidence(admin, { kind: "LINK", itemId, url: `https://ci.example.com/"><script>${MARK}</script>` }, db);
    await addComment(admin, { itemId, body: `<iframe src="javascript:${MARK}"></iframe> done` }, db);
  });

  afterAll(async () => {
    await browser?.close();
    // The suite shares one database: leave no extra admin behind (the access tests count them).
    if (admin) await db.user.update({ where: { id: admin.id! }, data: { role: "VIEWER", disabledAt: new Date() } });
    await db?.$disconnect();
  });

  it("renders script in item text, evidence, comments and names as text: no script runs, no dialog opens", async () => {
    const context = await browser.newContext();
    await context.addCookies([{ name: "next-auth.session-token", value: (await sessionCookie(secret(), admin.id!)).split("=")[1]!, url: base() }]);
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(appUrl(`/releases/${releaseId}`));
    await visible(page.getByText("Script item", { exact: false }).first());
    await page.getByText("Details, evidence and comments").first().click();
    await visible(page.getByText("done", { exact: false }).first());
    for (const path of [`/releases/${releaseId}/history`, "/audit", "/releases", "/dashboard", "/admin"]) {
      await page.goto(appUrl(path));
      await page.waitForLoadState("networkidle");
    }
    await page.goto(appUrl(`/releases/${releaseId}`));
    await visible(page.getByRole("heading", { level: 1, name: /Hostile release/ }));
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    // The payloads are shown as the text people typed.
    await visible(page.getByRole("heading", { level: 1, name: `<img src=x onerror="${MARK}">Hostile release` }));
    await context.close();
  });

  it("refuses a request body over 2 MB with 413 before reading it", async () => {
    const cookie = await sessionCookie(secret(), admin.id!);
    const response = await fetch(appUrl("/templates/import"), {
      method: "POST",
      headers: { cookie, origin: base(), "next-action": "x", "content-type": "text/plain", "content-length": String(3 * 1024 * 1024) },
      body: "x".repeat(3 * 1024 * 1024),
    });
    expect(response.status).toBe(413);
    expect(await response.text()).toMatch(/too large/);
  });

  it("answers garbage sent to every server action with a result or a clean refusal, never a stack trace", async () => {
    const cookie = await sessionCookie(secret(), admin.id!);
    const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as { node: Record<string, { exportedName: string }> };
    const names = Object.values(manifest.node).map((entry) => entry.exportedName);
    expect(names.length).toBeGreaterThan(5);
    const garbage: unknown[][] = [[], [null], [{}], ["x"], [{ itemId: "'; DROP TABLE users; --", expectedVersion: "NaN" }], [null, { __proto__: { isAdmin: true } }], [1e309, [], "\u0000"]];
    for (const action of names) {
      for (const args of garbage) {
        const call = await callServerAction(base(), { page: `/releases/${releaseId}`, action, args, cookie });
        expect(call.status, `${action} ${JSON.stringify(args)}`).toBeLessThan(500);
        expect(call.body).not.toMatch(STACK_TRACE);
      }
    }
    expect(await db.user.count()).toBeGreaterThan(0);
  });

  it("refuses a tampered session, an expired one, a disabled user and a downgraded role on the next request", async () => {
    const member = await createActor(db, "MEMBER");
    const good = await sessionCookie(secret(), member.id!);
    expect(await tick(good).then((c) => c.result)).toMatchObject({ ok: true });

    const [name, token] = good.split("=") as [string, string];
    const tampered = `${name}=${token.slice(0, -4)}${token.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`;
    const forged = await sessionCookie("not-the-server-secret-but-long-enough-000000", member.id!);
    const expired = await sessionCookie(secret(), member.id!, { maxAge: -60 });
    for (const cookie of [tampered, forged, expired]) {
      expect(await tick(cookie).then((c) => c.result)).toMatchObject({ ok: false, code: "unauthenticated" });
      const page = await fetch(appUrl(`/releases/${releaseId}`), { headers: { cookie }, redirect: "manual" });
      expect(page.headers.get("location") ?? "").toMatch(/\/sign-in/);
    }

    await db.user.update({ where: { id: member.id! }, data: { role: "VIEWER" } });
    expect(await tick(good).then((c) => c.result)).toMatchObject({ ok: false, code: "forbidden" });
    await db.user.update({ where: { id: member.id! }, data: { role: "MEMBER", disabledAt: new Date() } });
    expect(await tick(good).then((c) => c.result)).toMatchObject({ ok: false, code: "unauthenticated" });
  });

  it("refuses server actions called from another origin, or with none", async () => {
    const cookie = await sessionCookie(secret(), admin.id!);
    expect((await tick(cookie, { origin: "https://evil.example" })).status).toBe(403);
    const noOrigin = await fetch(appUrl(`/releases/${releaseId}`), { method: "POST", headers: { cookie, "next-action": "x", "content-type": "text/plain" }, body: "[]" });
    expect(noOrigin.status).toBe(403);
  });

  it("answers malformed ids and parameters with 400 or 404, never 500", async () => {
    const cookie = await sessionCookie(secret(), admin.id!);
    const dashes = "-".repeat(36);
    const paths = [
      "/audit?before=99999999999999999999",
      "/audit?from=0000-01-01",
      `/audit?releaseId=${dashes}`,
      "/audit/export?format=csv&from=0000-01-01",
      `/audit/export?format=json&itemId=${dashes}`,
      `/releases/${dashes}`,
      `/releases/${dashes}/report`,
      `/releases/${dashes}/history`,
      `/releases/${releaseId}/history?at=99999999999999999999`,
      `/releases/${releaseId}/history?before=-1`,
      `/releases/${dashes}/export?format=md`,
      `/releases/${dashes}/evidence-pack`,
      `/templates/${dashes}`,
      `/templates/${crypto.randomUUID()}?version=abc`,
      "/dashboard?range=garbage",
      "/dashboard/data?chart=owners&range=99999999999999",
    ];
    const answers: string[] = [];
    for (const path of paths) {
      const response = await fetch(appUrl(path), { headers: { cookie }, redirect: "manual" });
      const body = await response.text();
      if (![400, 404].includes(response.status) || STACK_TRACE.test(body)) answers.push(`${path}: ${response.status}`);
    }
    expect(answers).toEqual([]);
  });

  it("gives every answer a request id, redirects included", async () => {
    const cookie = await sessionCookie(secret(), admin.id!);
    for (const [path, headers] of [["/", { cookie }], ["/", {}], ["/releases", {}], ["/healthz", {}]] as const) {
      const response = await fetch(appUrl(path), { headers, redirect: "manual" });
      expect(response.headers.get("x-request-id"), path).toMatch(/^[0-9a-f-]{36}$/);
    }
    const home = await fetch(appUrl("/"), { headers: { cookie }, redirect: "manual" });
    expect(home.status).toBe(307);
    expect(new URL(home.headers.get("location")!, base()).pathname).toBe("/dashboard");
  });

  it("refuses a no-JavaScript form post from another origin, and a body without a length", async () => {
    const cookie = await sessionCookie(secret(), admin.id!);
    const form = new FormData();
    form.set("$ACTION_ID_0123456789abcdef", "");
    form.set("releaseId", releaseId);
    const foreign = await fetch(appUrl(`/releases/${releaseId}`), { method: "POST", headers: { cookie, origin: "https://evil.example" }, body: form, redirect: "manual" });
    expect(foreign.status).toBe(403);
    const noOrigin = await fetch(appUrl(`/releases/${releaseId}`), { method: "POST", headers: { cookie }, body: form, redirect: "manual" });
    expect(noOrigin.status).toBe(403);

    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 9; i += 1) controller.enqueue(new Uint8Array(1024 * 1024).fill(120));
        controller.close();
      },
    });
    const chunked = await fetch(appUrl("/api/auth/callback/demo"), { method: "POST", body: chunks, duplex: "half", headers: { "content-type": "application/x-www-form-urlencoded" } } as RequestInit);
    expect(chunked.status).toBe(411);
  });

  it("refuses a hostile preview in words while /healthz and other pages keep answering", async () => {
    const context = await browser.newContext();
    await context.addCookies([{ name: "next-auth.session-token", value: (await sessionCookie(secret(), admin.id!)).split("=")[1]!, url: base() }]);
    const page = await context.newPage();
    await page.goto(appUrl("/templates/import"));
    const preview = page.getByRole("region", { name: "Preview" });

    // Pathological for the Markdown parser (quadratic emphasis matching: 8 000 repeats take
    // seconds to minutes, depending on the machine and a warm JIT; 30 000 always run over the
    // deadline): it runs in a worker with a deadline.
    await page.getByRole("textbox", { name: "Or paste it" }).fill("*a_".repeat(30_000));
    const slowest = { ms: 0 };
    const deadline = Date.now() + 4_000;
    while (Date.now() < deadline) {
      const started = performance.now();
      expect((await fetch(appUrl("/healthz"))).status).toBe(200);
      expect((await fetch(appUrl("/sign-in"))).status).toBe(200);
      slowest.ms = Math.max(slowest.ms, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(slowest.ms).toBeLessThan(2_000);
    await preview.getByText(/too complex to parse/).waitFor({ state: "visible", timeout: 40_000 }).catch(async (error: unknown) => {
      throw new Error(`${String(error)}\nPREVIEW SHOWS: ${await preview.innerText()}`);
    });

    // Nesting deeper than the limit is refused before parsing.
    await page.getByRole("textbox", { name: "Or paste it" }).fill(`# T\n\n${">".repeat(200_000)} - [ ] deep\n`);
    await preview.getByText(/more than 32 levels deep/).waitFor({ state: "visible", timeout: 20_000 });

    // Between 1 and 2 MB: the limit in words, not a failed request.
    // Pasted at once (typing 1.5 MB through fill() takes longer than a person pasting it).
    await page.getByRole("textbox", { name: "Or paste it" }).evaluate((element, value) => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value")!.set!.call(element, value);
      element.dispatchEvent(new Event("input", { bubbles: true }));
    }, `# Big\n\n${"- [ ] an item of a long checklist\n".repeat(45_000)}`);
    await preview.getByText(/the limit is 1 MB/).waitFor({ state: "visible", timeout: 20_000 });
    await context.close();
  });

  it("never sends a signed-in user to another host from /sign-in?callbackUrl=…", async () => {
    const cookie = await sessionCookie(secret(), admin.id!);
    const bypasses = ["/%5Cevil.example/x", "/%09/evil.example", "//evil.example", "/\\evil.example", "https://evil.example/", "javascript:alert(1)", "/%2F%2Fevil.example"];
    for (const callback of bypasses) {
      const response = await fetch(appUrl(`/sign-in?callbackUrl=${encodeURIComponent(callback)}`), { headers: { cookie }, redirect: "manual" });
      const location = response.headers.get("location");
      expect(response.status, callback).toBeGreaterThanOrEqual(300);
      expect(new URL(location!, base()).origin, `${callback} → ${location}`).toBe(new URL(base()).origin);
    }
    const kept = await fetch(appUrl(`/sign-in?callbackUrl=${encodeURIComponent("/audit?q=x")}`), { headers: { cookie }, redirect: "manual" });
    expect(new URL(kept.headers.get("location")!, base()).pathname).toBe("/audit");
  });
});
