import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Runner } from "graphile-worker";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { cliActor, type TActor } from "@/lib/auth/permissions";
import { createRelease } from "@/lib/data/releases/create-release";
import { shipRelease } from "@/lib/data/releases/release-lifecycle";
import { updateItemStatus } from "@/lib/data/releases/update-item-status";
import { runTransaction } from "@/lib/data/run-transaction";
import { signOffRelease } from "@/lib/data/sign-offs/sign-off-release";
import { importTemplate } from "@/lib/data/templates/import-template";
import { enqueueWebhooks } from "@/lib/data/webhooks/enqueue-webhooks";
import { createWebhook, deleteWebhook, redeliverWebhook } from "@/lib/data/webhooks/webhook-endpoints";
import { verifyWebhookSignature, WEBHOOK_EVENTS } from "@/lib/domain/webhooks/webhook-events";
import { startWebhookWorker } from "@/lib/webhooks/webhook-worker";
import { createActor } from "@/tests/helpers/actors";
import { createTestDatabase, type TTestDatabase } from "@/tests/helpers/test-database";
import { unwrap } from "@/tests/helpers/unwrap";

// Webhooks on PostgreSQL with a local receiver: queued in the transaction of the change
// (nothing for a rolled-back one), signed, retried after a failure, delivered after a crash
// between the commit and the delivery, and never twice by two workers sharing the queue.

type TReceived = { headers: IncomingHttpHeaders; body: string };

// Delivery needs a PostgreSQL server: the embedded database does not run graphile-worker's
// queue (docs/decisions/0010-webhooks.md), so without TEST_DATABASE_URL this file is skipped.
if (!process.env.TEST_DATABASE_URL) console.warn("webhooks.test.ts skipped: set TEST_DATABASE_URL to a PostgreSQL server");
describe.skipIf(!process.env.TEST_DATABASE_URL)("webhooks", () => {
  let database: TTestDatabase;
  let manager: TActor;
  let server: Server;
  let receiverUrl = "";
  let templateVersionId = "";
  const received: TReceived[] = [];
  /** Deliveries the receiver answers 500 the first time it sees them. */
  const failOnce = new Set<string>();
  const runners: Runner[] = [];
  const SECRET = "whsec_test-secret-of-some-length";

  const items = async (releaseId: string) => database.db.releaseItem.findMany({ where: { releaseId }, orderBy: { position: "asc" } });
  async function newRelease(count = 2): Promise<string> {
    const { releaseId } = unwrap(await createRelease(manager, { templateVersionId, name: `Hook ${crypto.randomUUID().slice(0, 6)}`, service: "hooks", version: "1", environment: "prod" }, database.db));
    expect((await items(releaseId)).length).toBeGreaterThanOrEqual(count);
    return releaseId;
  }
  const deliveries = (releaseId: string) => database.db.webhookDelivery.findMany({ where: { releaseId }, orderBy: { createdAt: "asc" } });
  const jobs = async () => (await database.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM graphile_worker._private_jobs`)[0]!.n;
  async function until(check: () => Promise<boolean>, what: string, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const worker = async () => {
    const runner = await startWebhookWorker(database.url, { concurrency: 4, pollInterval: 100 });
    runners.push(runner);
    return runner;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    vi.stubEnv("DATABASE_URL", database.url);
    manager = await createActor(database.db, "RELEASE_MANAGER");
    const source = "# Hooks\n\n## Checks\n\n" + Array.from({ length: 12 }, (_, i) => `- [ ] Check ${i + 1}\n`).join("");
    templateVersionId = unwrap(await importTemplate(cliActor("hooks"), { source }, database.db)).versionId;
    server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      request.on("end", () => {
        received.push({ headers: request.headers, body });
        const id = String(request.headers["preflight-delivery"]);
        response.statusCode = failOnce.delete(id) ? 500 : 200;
        response.end("ok");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    unwrap(await createWebhook(cliActor("hooks"), { url: receiverUrl, events: [...WEBHOOK_EVENTS], secret: SECRET }, database.db));
  });

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await database?.drop();
    vi.unstubAllEnvs();
  });

  it("queues nothing for a change that rolls back, and a delivery with its job in the transaction of one that commits", async () => {
    const releaseId = await newRelease();
    const before = await jobs();
    await expect(
      runTransaction(database.db, async (tx) => {
        await enqueueWebhooks(tx, [{ event: "item.blocked", release: { id: releaseId, name: "x", service: "s", version: "1", environment: "e" }, summary: "x", data: {} }]);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await deliveries(releaseId)).toEqual([]);
    expect(await jobs()).toBe(before);

    const [first] = await items(releaseId);
    unwrap(await updateItemStatus(manager, { itemId: first!.id, expectedVersion: 1, status: "BLOCKED" }, database.db));
    const queued = await deliveries(releaseId);
    expect(queued.map((d) => [d.event, d.status])).toEqual([["item.blocked", "pending"]]);
    expect(await jobs()).toBe(before + 1);
  });

  it("delivers what happened to a release, signed, and retries a failure with the same delivery id", async () => {
    const releaseId = await newRelease();
    const all = await items(releaseId);
    const start = received.length;
    // Blocked, then everything done: the verdict goes GO; a GO sign-off; a change voids it; shipped after a new one.
    unwrap(await updateItemStatus(manager, { itemId: all[0]!.id, expectedVersion: 1, status: "BLOCKED" }, database.db));
    for (const item of await items(releaseId)) unwrap(await updateItemStatus(manager, { itemId: item.id, expectedVersion: item.version, status: "DONE" }, database.db));
    unwrap(await signOffRelease(manager, { releaseId, decision: "GO", comment: "Ship it" }, database.db));
    const last = (await items(releaseId)).at(-1)!;
    unwrap(await updateItemStatus(manager, { itemId: last.id, expectedVersion: last.version, status: "IN_PROGRESS" }, database.db));
    unwrap(await updateItemStatus(manager, { itemId: last.id, expectedVersion: last.version + 1, status: "DONE" }, database.db));
    unwrap(await signOffRelease(manager, { releaseId, decision: "GO" }, database.db));
    unwrap(await shipRelease(manager, { releaseId }, database.db));

    const queued = await deliveries(releaseId);
    expect(queued.map((d) => d.event)).toEqual([
      "item.blocked",
      "verdict.changed",
      "signoff.recorded",
      "signoff.voided",
      "verdict.changed",
      "verdict.changed",
      "signoff.recorded",
      "release.shipped",
    ]);
    failOnce.add(queued[0]!.id);
    await worker();
    await until(async () => (await deliveries(releaseId)).every((d) => d.status === "delivered"), "every delivery");

    const mine = received.slice(start).filter((r) => queued.some((d) => d.id === r.headers["preflight-delivery"]));
    const now = Math.floor(Date.now() / 1000);
    for (const request of mine) {
      expect(verifyWebhookSignature(SECRET, request.body, String(request.headers["preflight-signature"]), now)).toBe(true);
      expect(verifyWebhookSignature("another secret", request.body, String(request.headers["preflight-signature"]), now)).toBe(false);
      const body = JSON.parse(request.body) as { id: string; event: string; release: { id: string } };
      expect(body.id).toBe(request.headers["preflight-delivery"]);
      expect(body.event).toBe(request.headers["preflight-event"]);
      expect(body.release.id).toBe(releaseId);
    }
    // The 500 was retried: one delivery was sent twice, with the same id, and its log says so.
    const retried = queued[0]!;
    expect(mine.filter((r) => r.headers["preflight-delivery"] === retried.id)).toHaveLength(2);
    const attempts = await database.db.webhookAttempt.findMany({ where: { deliveryId: retried.id }, orderBy: { attemptedAt: "asc" } });
    expect(attempts.map((a) => a.statusCode)).toEqual([500, 200]);
    expect(mine).toHaveLength(queued.length + 1);
    const verdict = mine.map((r) => JSON.parse(r.body) as { event: string; data: { from?: string; to?: string } }).find((b) => b.event === "verdict.changed");
    expect(verdict?.data).toMatchObject({ from: expect.any(String), to: expect.any(String) });
  }, 40_000);

  it("delivers a change committed while no worker ran (a crash before delivery) exactly once, and a redelivery with the same id", async () => {
    const releaseId = await newRelease();
    const [first] = await items(releaseId);
    unwrap(await updateItemStatus(manager, { itemId: first!.id, expectedVersion: 1, status: "BLOCKED" }, database.db));
    const [queued] = await deliveries(releaseId);
    expect(queued!.status).toBe("pending");
    await worker();
    await until(async () => (await deliveries(releaseId))[0]!.status === "delivered", "the delivery");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(received.filter((r) => r.headers["preflight-delivery"] === queued!.id)).toHaveLength(1);

    unwrap(await redeliverWebhook(cliActor("hooks"), { deliveryId: queued!.id }, database.db));
    await until(async () => received.filter((r) => r.headers["preflight-delivery"] === queued!.id).length === 2, "the redelivery");
    expect((await database.db.auditEvent.findFirstOrThrow({ where: { action: "webhook.redeliver", entityId: queued!.id } })).after).toMatchObject({ event: "item.blocked" });
  }, 30_000);

  it("is shared by two workers that never deliver the same event twice", async () => {
    const releaseIds = await Promise.all([newRelease(), newRelease(), newRelease()]);
    for (const releaseId of releaseIds) {
      for (const item of await items(releaseId)) unwrap(await updateItemStatus(manager, { itemId: item.id, expectedVersion: 1, status: "BLOCKED" }, database.db));
    }
    const queued = (await Promise.all(releaseIds.map(deliveries))).flat();
    expect(queued.filter((d) => d.event === "item.blocked")).toHaveLength(36);
    await Promise.all([worker(), worker()]);
    await until(async () => (await Promise.all(releaseIds.map(deliveries))).flat().every((d) => d.status === "delivered"), "every delivery", 30_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const counts = new Map<string, number>();
    for (const request of received) {
      const id = String(request.headers["preflight-delivery"]);
      if (queued.some((d) => d.id === id)) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    expect(counts.size).toBe(queued.length);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  }, 45_000);

  it("posts a Slack-compatible message to an endpoint that asks for one, and stops after the endpoint is deleted", async () => {
    const slack = unwrap(await createWebhook(cliActor("hooks"), { url: `${receiverUrl}?slack`, events: ["release.shipped"], format: "slack" }, database.db));
    expect(slack.secret).toMatch(/^whsec_/);
    const releaseId = await newRelease();
    for (const item of await items(releaseId)) unwrap(await updateItemStatus(manager, { itemId: item.id, expectedVersion: 1, status: "DONE" }, database.db));
    unwrap(await signOffRelease(manager, { releaseId, decision: "GO" }, database.db));
    unwrap(await shipRelease(manager, { releaseId }, database.db));
    const shipped = (await deliveries(releaseId)).find((d) => d.endpointId === slack.id)!;
    await worker();
    await until(async () => received.some((r) => r.headers["preflight-delivery"] === shipped.id), "the Slack message");
    const message = JSON.parse(received.find((r) => r.headers["preflight-delivery"] === shipped.id)!.body) as { text: string };
    expect(message).toEqual({ text: expect.stringMatching(/^\*Hook .*\* \(hooks 1 → prod\): Shipped \(by /) });

    unwrap(await deleteWebhook(cliActor("hooks"), { endpointId: slack.id }, database.db));
    expect(await database.db.webhookDelivery.count({ where: { endpointId: slack.id } })).toBe(0);
  }, 30_000);
});
