import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cliActor } from "@/lib/auth/permissions";
import { createDb, type TDb } from "@/lib/db";
import { createRelease } from "@/lib/data/releases/create-release";
import { cancelRelease } from "@/lib/data/releases/release-lifecycle";
import { updateItemStatus } from "@/lib/data/releases/update-item-status";
import { importTemplate } from "@/lib/data/templates/import-template";
import { verifyWebhookSignature } from "@/lib/domain/webhooks/webhook-events";
import { seriousViolations } from "@/tests/e2e/axe";
import { appUrl, launchBrowser, signInAs, visible } from "@/tests/e2e/browser";

// An admin registers a webhook in the browser; an item is blocked; the running app's worker
// delivers the event, signed with the secret the page showed once; the delivery log says so
// and redelivers it with the same id.
// Delivery needs a PostgreSQL server (the embedded database runs no queue: decision 0010).
if (!process.env.TEST_DATABASE_URL) console.warn("e2e webhooks.test.ts skipped: set TEST_DATABASE_URL to a PostgreSQL server");
describe.skipIf(!process.env.TEST_DATABASE_URL)("webhooks", () => {
  let browser: Browser;
  let db: TDb;
  let server: Server;
  let receiverUrl = "";
  let releaseId = "";
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];

  async function until(check: () => boolean, what: string) {
    const deadline = Date.now() + 15_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    db = createDb(inject("databaseUrl"));
    server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      request.on("end", () => {
        received.push({ headers: request.headers, body });
        response.end("ok");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/preflight`;
    const template = await importTemplate(cliActor("e2e"), { source: "# Hook e2e checklist\n\n## Checks\n\n- [ ] Hook e2e pager tested\n" }, db);
    if (!template.ok) throw new Error(template.error);
    const release = await createRelease(cliActor("e2e"), { templateVersionId: template.data.versionId, name: "Hook 1.0", service: "hook-e2e", version: "1.0", environment: "prod" }, db);
    if (!release.ok) throw new Error(release.error);
    releaseId = release.data.releaseId;
  });

  afterAll(async () => {
    if (releaseId) await cancelRelease(cliActor("e2e"), { releaseId, reason: "e2e done" }, db);
    await db?.webhookEndpoint.deleteMany({ where: { url: receiverUrl } });
    await browser?.close();
    await db?.$disconnect();
    await new Promise((resolve) => server?.close(resolve));
  });

  it("registers an endpoint, receives a signed event from the app, and redelivers it from the log", async () => {
    const page = await (await browser.newContext()).newPage();
    await signInAs(page, "admin");
    await page.goto(appUrl("/admin"));
    await page.getByRole("link", { name: "Webhooks" }).click();
    await visible(page.getByRole("heading", { level: 1, name: "Webhooks" }));
    await page.getByRole("textbox", { name: "URL" }).fill(receiverUrl);
    await page.getByRole("checkbox", { name: /An item was blocked/ }).check();
    await page.getByRole("button", { name: "Register endpoint" }).click();
    const shown = page.getByLabel("Signing secret");
    await visible(shown);
    const secret = (await shown.textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    expect(await seriousViolations(page)).toEqual([]);

    // Blocked by someone else (here: the test, through the data layer); the app's worker delivers it.
    const item = await db.releaseItem.findFirstOrThrow({ where: { releaseId } });
    const blocked = await updateItemStatus(cliActor("e2e"), { itemId: item.id, expectedVersion: item.version, status: "BLOCKED" }, db);
    expect(blocked.ok).toBe(true);
    await until(() => received.length > 0, "the delivery");
    const [first] = received;
    expect(first!.headers["preflight-event"]).toBe("item.blocked");
    expect(verifyWebhookSignature(secret, first!.body, String(first!.headers["preflight-signature"]), Math.floor(Date.now() / 1000))).toBe(true);
    expect(JSON.parse(first!.body)).toMatchObject({ event: "item.blocked", release: { id: releaseId, name: "Hook 1.0" }, data: { itemText: "Hook e2e pager tested" } });

    await page.reload();
    const log = page.getByRole("table", { name: `Deliveries to ${receiverUrl}` });
    await visible(log.getByText("Delivered"));
    await log.getByRole("button", { name: /^Redeliver item\.blocked of / }).click();
    await until(() => received.length > 1, "the redelivery");
    expect(received[1]!.headers["preflight-delivery"]).toBe(first!.headers["preflight-delivery"]);
  });
});
