import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { ZEvidenceBody } from "@/lib/api/api-schemas";
import { BEARER_SCHEME, buildOpenApiDocument, ignoreCaseSource, type TJsonSchema } from "@/lib/api/openapi";

const API_DIR = path.resolve(import.meta.dirname, "../../app/api/v1");
// It serves the document itself, to anyone: not an operation of the API it describes.
const UNDOCUMENTED_ROUTES = new Set(["/api/v1/openapi.json"]);
const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Every route handler under app/api/v1 as "METHOD /path", dynamic segments as OpenAPI templates. */
function routesOnDisk(): string[] {
  const files = readdirSync(API_DIR, { recursive: true, encoding: "utf8" }).filter((file) => path.basename(file) === "route.ts");
  return files.flatMap((file) => {
    const apiPath = `/api/v1/${path.dirname(file).split(path.sep).join("/")}`.replace(/\/\.$/, "").replace(/\[(\w+)\]/g, "{$1}");
    if (UNDOCUMENTED_ROUTES.has(apiPath)) return [];
    const source = readFileSync(path.join(API_DIR, file), "utf8");
    const methods = HTTP_METHODS.filter((method) => new RegExp(`export\\s+(async\\s+function|function|const)\\s+${method}\\b`).test(source));
    return methods.map((method) => `${method} ${apiPath}`);
  });
}

/**
 * The components as JSON Schema 2020-12 (OpenAPI 3.1's dialect), checked against its meta-schema
 * and compiled in ajv's strict mode: the OpenAPI validator takes any object as a Schema Object.
 */
function compileComponents(schemas: Record<string, TJsonSchema>) {
  const base = "https://preflight.invalid/components/schemas/";
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, validateFormats: false });
  for (const [name, schema] of Object.entries(schemas)) {
    ajv.addSchema({ ...JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${base}`)), $id: `${base}${name}` });
  }
  return (name: string) => ajv.getSchema(`${base}${name}`)!;
}

/** Every value in a JSON tree with the key it sits under. */
function* walk(value: unknown, key = ""): Generator<[string, unknown]> {
  yield [key, value];
  if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) yield* walk(v, k);
}

describe("the OpenAPI document", () => {
  const document = buildOpenApiDocument();
  const operations = Object.entries(document.paths).flatMap(([apiPath, methods]) => Object.entries(methods).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${apiPath}`, operation: operation! })));

  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("fails the validator when broken (so the check above can fail)", async () => {
    const broken = structuredClone(document) as Record<string, unknown> & { paths: Record<string, Record<string, Record<string, unknown>>> };
    (broken.paths["/api/v1/gate"]!.get!.parameters as { in: string }[])[0]!.in = "body";
    expect((await new Validator().validate(broken)).valid).toBe(false);
    expect(() => compileComponents({ Broken: { type: "strin" as "string" } })).toThrow();
  });

  it("holds valid JSON Schema 2020-12 that accepts what the API accepts", () => {
    const schemaOf = compileComponents(document.components.schemas);
    for (const name of Object.keys(document.components.schemas)) expect(() => schemaOf(name), name).not.toThrow();
    const evidence = schemaOf("EvidenceBody");
    const ciResult = { kind: "ci", check: "integration-tests", result: "pass", url: "https://ci.example.com/run/1", commit: "3f9c2ab" };
    expect(evidence(ciResult), JSON.stringify(evidence.errors)).toBe(true);
    expect(evidence({ ...ciResult, commit: "3F9C2AB" })).toBe(true);
    expect(evidence({ kind: "ci", check: "integration-tests", result: "pass" })).toBe(false);
    expect(evidence({ kind: "note", note: "Restore rehearsed on 2 May" })).toBe(true);
    const itemStatus = schemaOf("ItemStatusBody");
    expect(itemStatus({ status: "DONE", expectedVersion: 3 })).toBe(true);
    expect(itemStatus({ status: "WAIVED", expectedVersion: 3 })).toBe(false);
    expect(schemaOf("Error")({ error: { code: "conflict", message: "The item changed.", currentVersion: 4 } })).toBe(true);
    expect(schemaOf("Error")({ error: { code: "teapot", message: "No." } })).toBe(false);
  });

  it("describes every route handler under app/api/v1", () => {
    const onDisk = routesOnDisk();
    expect(onDisk.length).toBeGreaterThanOrEqual(7);
    expect(operations.map((op) => op.key).sort()).toEqual([...onDisk].sort());
  });

  it("asks every operation for the bearer token and documents its 401", () => {
    expect(document.components.securitySchemes[BEARER_SCHEME]).toMatchObject({ type: "http", scheme: "bearer" });
    for (const { key, operation } of operations) {
      const security = operation.security ?? document.security;
      expect(security, key).toEqual([{ [BEARER_SCHEME]: [] }]);
      expect(Object.keys(operation.responses), key).toContain("401");
      expect(operation.responses["429"], key).toBeDefined();
    }
  });

  it("answers every error with the Error schema and documents 409 and 422 where they happen", () => {
    for (const { key, operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 400) expect(response.content?.["application/json"].schema, `${key} ${status}`).toEqual({ $ref: "#/components/schemas/Error" });
      }
      if (operation.requestBody || operation.parameters?.some((p) => p.in === "query")) expect(operation.responses["422"], key).toBeDefined();
      if (key.startsWith("POST") || key.startsWith("PATCH")) expect(operation.responses["403"], key).toBeDefined();
    }
    expect(operations.find((op) => op.key === "PATCH /api/v1/releases/{releaseId}/items/{key}")?.operation.responses["409"]).toBeDefined();
    expect(operations.find((op) => op.key === "POST /api/v1/releases/{releaseId}/items/{key}/evidence")?.operation.responses["409"]).toBeDefined();
  });

  it("has a unique operationId and a summary for each operation", () => {
    const ids = operations.map((op) => op.operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { key, operation } of operations) expect(operation.summary, key).not.toBe("");
  });

  it("carries no $schema or $id inside, and every $ref resolves", () => {
    const refs: string[] = [];
    for (const [key, value] of walk(document)) {
      expect(key).not.toBe("$schema");
      expect(key).not.toBe("$id");
      if (key === "$ref") refs.push(value as string);
    }
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(Object.keys(document.components.schemas), ref).toContain(ref.replace("#/components/schemas/", ""));
  });

  it("lets answers gain fields: no response schema forbids unknown properties", () => {
    const schemas = (document.components as { schemas: Record<string, unknown> }).schemas;
    expect(JSON.stringify(schemas.Release)).not.toContain('"additionalProperties":false');
    expect(JSON.stringify(schemas.Release)).toContain('"targetCommit"');
  });

  it("generates query parameters from the query schemas", () => {
    const gate = operations.find((op) => op.key === "GET /api/v1/gate")!.operation;
    expect(gate.parameters?.map((p) => [p.name, p.in, p.required])).toEqual([
      ["service", "query", true],
      ["version", "query", true],
      ["environment", "query", false],
    ]);
  });

  it("keeps a case-insensitive pattern's meaning (a commit may be upper case)", () => {
    const ci = document.components.schemas.EvidenceBody!.oneOf!.find((variant) => (variant.properties?.kind as TJsonSchema).const === "ci")!;
    const pattern = new RegExp((ci.properties!.commit as TJsonSchema).pattern!);
    const commit = "3F9C2AB";
    expect(ZEvidenceBody.safeParse({ kind: "ci", check: "integration-tests", result: "pass", url: "https://ci.example.com/run/1", commit }).success).toBe(true);
    expect(pattern.test(commit)).toBe(true);
    expect(pattern.test("3f9c2ag")).toBe(false);
  });
});

describe("ignoreCaseSource", () => {
  it.each([
    ["^[0-9a-f]{7,64}$", "^[0-9a-fA-F]{7,64}$"],
    ["^v\\d+$", "^[vV]\\d+$"],
    ["^[A-Z_]+$", "^[A-Za-z_]+$"],
    ["^(?:abc)$", "^(?:[aA][bB][cC])$"],
  ])("%s becomes %s", (source, expected) => {
    expect(ignoreCaseSource(source)).toBe(expected);
    const [upper, lower] = [new RegExp(expected), new RegExp(source, "i")];
    for (const sample of ["3f9c2ab", "3F9C2AB", "v12", "V12", "ABC_D", "abc_d", "abc", "ABC", "AbC"]) expect(upper.test(sample), sample).toBe(lower.test(sample));
  });

  it.each(["\\x41", "\\p{L}", "(a)\\1", "(?<name>a)", "[0-z]", "[a-Z]"])("gives up on %s", (source) => {
    expect(ignoreCaseSource(source)).toBeNull();
  });
});
