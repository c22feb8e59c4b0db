import { createHash } from "node:crypto";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPORT_MARKER } from "@/lib/domain/markdown/item-meta";
import type { TActor } from "@/lib/auth/permissions";
import { buildEvidencePack } from "@/lib/data/releases/build-evidence-pack";
import { importRelease } from "@/lib/data/releases/import-release";
import { signOffRelease } from "@/lib/data/sign-offs/sign-off-release";
import { createActor } from "@/tests/helpers/actors";
import { createTestDatabase, type TTestDatabase } from "@/tests/helpers/test-database";

describe("evidence pack", () => {
  let database: TTestDatabase;
  let admin: TActor;
  let releaseId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    admin = await createActor(database.db, "ADMIN", "auditor-admin@example.com");
    const source = `${EXPORT_MARKER}\n# Pack\n\n## Checks\n\n- [x] Tests green\n  - Evidence: <https://ci.example.com/7>\n- [x] Runbook "ready" ✅\n`;
    const imported = await importRelease(admin, { name: "Pack 1", service: "pack", version: "1", environment: "prod", source }, database.db);
    if (!imported.ok) throw new Error(imported.error);
    releaseId = imported.data.releaseId;
    await signOffRelease(admin, { releaseId, decision: "GO", comment: "Ship" }, database.db);
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("holds the checklist, evidence, sign-offs and events, each event verifiable offline", async () => {
    const pack = await buildEvidencePack(admin, releaseId, database.db);
    expect(pack?.filename).toBe("pack-1-evidence-pack.zip");
    const files = unzipSync(pack!.zip);
    expect(Object.keys(files).sort()).toEqual(["evidence-pack.json", "report.html"]);
    const json = JSON.parse(strFromU8(files["evidence-pack.json"]!));
    expect(json.release.name).toBe("Pack 1");
    expect(json.verdict.verdict).toBe("GO");
    expect(json.sections[0].items[0].evidence[0].url).toBe("https://ci.example.com/7");
    expect(json.signOffs[0]).toMatchObject({ decision: "GO", comment: "Ship" });
    expect(json.events.map((e: { action: string }) => e.action)).toEqual(["release.create", "release.sign-off"]);
    for (const event of json.events as { canonical: string; hash: string }[]) {
      expect(createHash("sha256").update(event.canonical, "utf8").digest("hex")).toBe(event.hash);
    }
    const html = strFromU8(files["report.html"]!);
    expect(html).toContain("<h1>Evidence pack: Pack 1</h1>");
    expect(html).toContain("Runbook &#34;ready&#34;");
  });
});
