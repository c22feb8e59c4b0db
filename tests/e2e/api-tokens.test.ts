import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cliActor } from "@/lib/auth/permissions";
import { createDb, type TDb } from "@/lib/db";
import { createRelease } from "@/lib/data/releases/create-release";
import { cancelRelease } from "@/lib/data/releases/release-lifecycle";
import { importTemplate } from "@/lib/data/templates/import-template";
import { seriousViolations } from "@/tests/e2e/axe";
import { appUrl, E2E_METRICS_TOKEN, launchBrowser, signInAs, visible } from "@/tests/e2e/browser";

// An admin creates an API token in the browser; a script (this test, over HTTP) posts a CI
// result with it; the item shows the result and is done. Revoked, the token no longer works.
describe("API tokens and CI evidence", () => {
  let browser: Browser;
  let db: TDb;
  let releaseId = "";

  beforeAll(async () => {
    browser = await launchBrowser();
    db = createDb(inject("databaseUrl"));
    const source = "# Token e2e checklist\n\n## Checks\n\n- [ ] Token e2e suite passes\n  - CI: token-e2e-suite\n- [ ] Token e2e runbook written\n";
    const template = await importTemplate(cliActor("e2e"), { source }, db);
    if (!template.ok) throw new Error(template.error);
    const release = await createRelease(
      cliActor("e2e"),
      { templateVersionId: template.data.versionId, name: "Token 1.0", service: "token-e2e", version: "1.0", environment: "prod", targetCommit: "c0ffee1234" },
      db,
    );
    if (!release.ok) throw new Error(release.error);
    releaseId = release.data.releaseId;
  });

  afterAll(async () => {
    // Out of flight, so that the dashboard's counts do not depend on the order of the files.
    if (releaseId) await cancelRelease(cliActor("e2e"), { releaseId, reason: "e2e done" }, db);
    await browser?.close();
    await db?.$disconnect();
  });

  it("creates a token in the browser, posts a CI result with it from a script, and shows the result on the item", async () => {
    const page = await (await browser.newContext()).newPage();
    await signInAs(page, "admin");
    await page.goto(appUrl("/admin"));
    await page.getByRole("link", { name: "API tokens" }).click();
    await visible(page.getByRole("heading", { level: 1, name: "API tokens" }));
    await page.getByRole("textbox", { name: "Token name" }).fill("e2e-ci");
    await page.getByRole("combobox", { name: "Role" }).selectOption("MEMBER");
    await page.getByRole("spinbutton", { name: "Expires after (days)" }).fill("30");
    await page.getByRole("button", { name: "Create token" }).click();
    const shown = page.getByLabel("New API token");
    await visible(shown);
    const token = (await shown.textContent())!.trim();
    expect(token).toMatch(/^pfl_[0-9a-f]{8}_/);
    await visible(page.getByRole("row", { name: "e2e-ci" }).getByText("Never"));
    expect(await seriousViolations(page)).toEqual([]);

    // The script CI would run.
    const post = (body: unknown) =>
      fetch(appUrl(`/api/v1/releases/${releaseId}/items/token-e2e-suite-passes/evidence`), {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const result = { kind: "ci", check: "token-e2e-suite", result: "pass", url: "https://ci.example.com/token-e2e/7", commit: "c0ffee1234abcd" };
    const answer = await post(result);
    expect(answer.status).toBe(201);
    expect(((await answer.json()) as { item: unknown }).item).toEqual({ key: "token-e2e-suite-passes", status: "DONE", version: 2 });

    await page.goto(appUrl(`/releases/${releaseId}`));
    const item = page.getByRole("listitem", { name: "Token e2e suite passes" });
    await visible(item.getByText("CI check: token-e2e-suite"));
    expect(await page.getByRole("checkbox", { name: "Done: Token e2e suite passes" }).isChecked()).toBe(true);
    await item.getByText("Details, evidence and comments").click();
    await visible(item.getByText("CI passed"));
    await visible(item.getByRole("link", { name: "https://ci.example.com/token-e2e/7" }));

    // The history names the token as the actor.
    await page.goto(appUrl(`/audit?actor=${encodeURIComponent("token:e2e-ci")}`));
    await visible(page.getByText(/token:e2e-ci \(pfl_/).first());

    await page.goto(appUrl("/admin/tokens"));
    // Created, expires and last used: each a time, shown in the reader's time zone.
    await visible(page.getByRole("row", { name: "e2e-ci" }).locator("time").nth(2));
    await page.getByRole("button", { name: "Revoke e2e-ci" }).click();
    await page.getByRole("button", { name: "Revoke e2e-ci now" }).click();
    await visible(page.getByRole("row", { name: "e2e-ci" }).getByText(/^Revoked/));
    expect((await post(result)).status).toBe(401);

    // Operators see the API calls, the ticks and the pools.
    expect((await fetch(appUrl("/metrics"))).status).toBe(401);
    const metrics = await (await fetch(appUrl("/metrics"), { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` } })).text();
    expect(metrics).toContain('preflight_api_request_duration_seconds_count{method="POST",route="/api/v1/releases/{releaseId}/items/{key}/evidence",status="201"}');
    expect(metrics).toMatch(/preflight_release_write_duration_seconds_count\{action="item\.status\.update",outcome="ok"\} [1-9]/);
    expect(metrics).toMatch(/preflight_verdict_duration_seconds_count\{size="≤100"\} [1-9]/);
    expect(metrics).toMatch(/preflight_db_pool_connections\{pool="main",state="idle"\} \d+/);
    expect(metrics).toMatch(/preflight_webhook_queue_jobs\{state="waiting"\} \d+/);

    // The reference a developer reads next to their token.
    await page.goto(appUrl("/api-docs"));
    await visible(page.getByRole("heading", { level: 1, name: "API reference" }));
    expect(await seriousViolations(page)).toEqual([]);
    const document = (await (await fetch(appUrl("/api/v1/openapi.json"))).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toContain("/api/v1/releases/{releaseId}/items/{key}/evidence");
  });
});
