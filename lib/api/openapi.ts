import { z } from "zod";
import { API_ERROR_STATUS, ZApiError, type TApiErrorCode } from "@/lib/api/api-response";
import {
  ZApiItem,
  ZApiRelease,
  ZCreateReleaseBody,
  ZEvidenceBody,
  ZGateAnswer,
  ZGateQueryParams,
  ZItemChange,
  ZItemStatusBody,
  ZReleaseListQuery,
  ZReleaseSummary,
  ZVerdict,
} from "@/lib/api/api-schemas";

// The REST API's OpenAPI 3.1 document, generated from the zod schemas the routes validate with,
// so the reference (/api/v1/openapi.json, /api-docs) cannot drift from what the API accepts.

export type TJsonSchema = z.core.JSONSchema.JSONSchema;
export type TParameter = { name: string; in: "path" | "query"; required: boolean; description?: string; schema: TJsonSchema };
type TResponseHeader = { description: string; schema: TJsonSchema };
export type TResponse = { description: string; headers?: Record<string, TResponseHeader>; content?: { "application/json": { schema: TJsonSchema } } };
export type TOperation = {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  parameters?: TParameter[];
  requestBody?: { required: true; content: { "application/json": { schema: TJsonSchema } } };
  responses: Record<string, TResponse>;
  security?: Record<string, string[]>[];
};
export type TOpenApiDocument = Record<string, unknown> & {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  paths: Record<string, Partial<Record<"get" | "post" | "patch", TOperation>>>;
  components: { schemas: Record<string, TJsonSchema>; securitySchemes: Record<string, Record<string, string>> };
  security: Record<string, string[]>[];
};

export const BEARER_SCHEME = "bearerAuth";
const ref = (name: string): TJsonSchema => ({ $ref: `#/components/schemas/${name}` });

/** Request bodies: what a client may send (io "input": before transforms, unknown keys stripped). */
const inputSchemas = () => ({ CreateReleaseBody: ZCreateReleaseBody, ItemStatusBody: ZItemStatusBody, EvidenceBody: ZEvidenceBody });

/** Answers: what the API sends back (io "output"). */
const outputSchemas = () => ({
  Error: ZApiError,
  Verdict: ZVerdict,
  Item: ZApiItem,
  Release: ZApiRelease,
  ReleaseSummary: ZReleaseSummary,
  ReleaseList: z.object({ releases: z.array(ZReleaseSummary) }),
  ItemChange: ZItemChange,
  EvidenceCreated: z.object({
    evidenceId: z.uuid(),
    item: ZItemChange.shape.item.nullable().describe("The item after the evidence (a CI result may have moved its status)"),
    verdict: ZVerdict.nullable(),
  }),
  GateAnswer: ZGateAnswer,
});

const PATH_PARAMETERS: Record<string, { schema: z.ZodType; description: string }> = {
  releaseId: { schema: ZApiRelease.shape.id, description: "The release's id" },
  key: { schema: ZApiItem.shape.key, description: "The item's key in the release's checklist (see GET /api/v1/releases/{releaseId})" },
};
const QUERIES = { ReleaseListQuery: ZReleaseListQuery, GateQuery: ZGateQueryParams };

type TErrorStatus = (typeof API_ERROR_STATUS)[TApiErrorCode];
type TOperationSpec = {
  method: "get" | "post" | "patch";
  path: string;
  operationId: string;
  tag: "Releases" | "Gate";
  summary: string;
  description: string;
  query?: keyof typeof QUERIES;
  body?: keyof ReturnType<typeof inputSchemas>;
  success: { status: 200 | 201; description: string; schema: keyof ReturnType<typeof outputSchemas> };
  errors: Partial<Record<TErrorStatus, string>>;
};

const READ_ERRORS = {
  401: "No token, or one that is mistyped, revoked or expired",
  429: "This token's rate limit is spent (PREFLIGHT_API_RATE_LIMIT requests a minute, 600 unless set); wait Retry-After seconds",
  503: "The database is busy or out of reach; try again after Retry-After seconds",
} as const;
const WRITE_ERRORS = { ...READ_ERRORS, 400: "The body is not a JSON object", 403: "The token's role may not do this" } as const;

const OPERATIONS: TOperationSpec[] = [
  {
    method: "get",
    path: "/api/v1/releases",
    operationId: "listReleases",
    tag: "Releases",
    summary: "List releases",
    description: "Every release with its verdict and progress, optionally narrowed to a service, version, environment or status (each an exact match).",
    query: "ReleaseListQuery",
    success: { status: 200, description: "The releases that match", schema: "ReleaseList" },
    errors: { ...READ_ERRORS, 422: "A filter is not valid (fieldErrors name it)" },
  },
  {
    method: "post",
    path: "/api/v1/releases",
    operationId: "createRelease",
    tag: "Releases",
    summary: "Create a release",
    description:
      "A release of a published template version: it gets its own copy of the version's sections and items, which later template versions never change. " +
      "Needs a release manager token. With targetCommit, CI results for another commit do not count.",
    body: "CreateReleaseBody",
    success: { status: 201, description: "The new release, with its verdict and items", schema: "Release" },
    errors: { ...WRITE_ERRORS, 404: "The template version does not exist or is not published", 422: "The release is not valid (fieldErrors name the fields)" },
  },
  {
    method: "get",
    path: "/api/v1/releases/{releaseId}",
    operationId: "getRelease",
    tag: "Releases",
    summary: "Get a release",
    description: "The release, its verdict with the reasons, and its items with their keys, statuses and versions.",
    success: { status: 200, description: "The release", schema: "Release" },
    errors: { ...READ_ERRORS, 404: "No such release" },
  },
  {
    method: "get",
    path: "/api/v1/releases/{releaseId}/verdict",
    operationId: "getReleaseVerdict",
    tag: "Releases",
    summary: "Get a release's verdict",
    description: "GO, GO_WITH_EXCEPTIONS or NO_GO as of now, with the reasons that hold the release, the advisories, the exceptions (waived or not applicable items) and the progress.",
    success: { status: 200, description: "The verdict", schema: "Verdict" },
    errors: { ...READ_ERRORS, 404: "No such release" },
  },
  {
    method: "patch",
    path: "/api/v1/releases/{releaseId}/items/{key}",
    operationId: "updateItemStatus",
    tag: "Releases",
    summary: "Change an item's status",
    description:
      "Send the item's version you last read as expectedVersion: if someone changed the item since, the answer is 409 with its currentVersion, never a silent overwrite. " +
      "NOT_APPLICABLE needs a naReason; WAIVED only comes from a waiver, in the app. Needs a member token or above.",
    body: "ItemStatusBody",
    success: { status: 200, description: "The item's new status and version, and the release's verdict after the change", schema: "ItemChange" },
    errors: { ...WRITE_ERRORS, 404: "No such item in that release", 409: "The item changed since expectedVersion (currentVersion says its version now)", 422: "The change is not valid (fieldErrors name the fields)" },
  },
  {
    method: "post",
    path: "/api/v1/releases/{releaseId}/items/{key}/evidence",
    operationId: "addItemEvidence",
    tag: "Releases",
    summary: "Add evidence to an item",
    description:
      "A link, a note, or a CI result. A CI result ({ kind: \"ci\" }) is for an item bound to that check and, when the release has a target commit, to that commit; " +
      "a pass marks the item done and a fail marks it blocked. Without expectedVersion it only moves an item no person set; otherwise it answers 409. Needs a member token or above.",
    body: "EvidenceBody",
    success: { status: 201, description: "The evidence's id, the item after it, and the release's verdict", schema: "EvidenceCreated" },
    errors: {
      ...WRITE_ERRORS,
      404: "No such item in that release",
      409: "A person changed the item (or it changed since expectedVersion); currentVersion says its version now",
      422: "The evidence is not valid, the item is not bound to that CI check, or the commit is not the release's target commit",
    },
  },
  {
    method: "get",
    path: "/api/v1/gate",
    operationId: "checkGate",
    tag: "Gate",
    summary: "Ask the deploy gate",
    description:
      "May this version of the service deploy? pass is true only with a valid GO sign-off that the verdict still allows now; otherwise pass is false and the verdict says why. " +
      "Cancelled releases do not count; name the environment when the version ships to several.",
    query: "GateQuery",
    success: { status: 200, description: "The gate's answer (look at pass)", schema: "GateAnswer" },
    errors: { ...READ_ERRORS, 404: "No release of that service and version", 422: "The service or version is missing, or the version ships to several environments and none was named" },
  },
];

/**
 * JSON Schema patterns carry no flags, so zod writes a case-insensitive regex as if it were
 * case-sensitive (/^[0-9a-f]+$/i would refuse "3F9C"). Spell both cases out instead; null for
 * sources beyond this small rewrite (escapes such as \x or \p, backreferences, named groups, mixed ranges).
 */
export function ignoreCaseSource(source: string): string | null {
  const other = (c: string) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase());
  const isLetter = (c: string | undefined) => !!c && /^[a-zA-Z]$/.test(c);
  let out = "";
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === "\\") {
      const next = source[i + 1] ?? "";
      if ((isLetter(next) && !"dDwWsSbBnrtfv".includes(next)) || /[1-9]/.test(next)) return null;
      out += c + next;
      i++;
    } else if (inClass && c === "]") {
      inClass = false;
      out += c;
    } else if (inClass && source[i + 1] === "-" && source[i + 2] && source[i + 2] !== "]") {
      const end = source[i + 2]!;
      const isDigits = /^[0-9]$/.test(c) && /^[0-9]$/.test(end);
      const isSameCase = isLetter(c) && isLetter(end) && (c === c.toLowerCase()) === (end === end.toLowerCase());
      if (!isDigits && !isSameCase) return null;
      out += isDigits ? `${c}-${end}` : `${c}-${end}${other(c)}-${other(end)}`;
      i += 2;
    } else if (inClass) {
      out += isLetter(c) ? c + other(c) : c;
    } else if (c === "[") {
      inClass = true;
      out += c;
    } else if (c === "(" && source.startsWith("(?<", i) && isLetter(source[i + 3])) {
      return null;
    } else {
      out += isLetter(c) ? `[${c}${other(c)}]` : c;
    }
  }
  return out;
}

/** Keeps case-insensitive zod regexes honest in the generated patterns (see ignoreCaseSource). */
function overridePatterns({ zodSchema, jsonSchema }: { zodSchema: z.core.$ZodTypes; jsonSchema: TJsonSchema }): void {
  if (zodSchema._zod.def.type !== "string") return;
  const regexes = (zodSchema._zod.def.checks ?? [])
    .map((check) => check._zod.def as { check: string; format?: string; pattern?: RegExp })
    .filter((def): def is { check: string; format: "regex"; pattern: RegExp } => def.format === "regex" && !!def.pattern?.flags.includes("i"));
  for (const { pattern } of regexes) {
    const rewritten = ignoreCaseSource(pattern.source);
    const holders = [jsonSchema, ...(jsonSchema.allOf ?? [])].filter((s) => s.pattern === pattern.source);
    for (const holder of holders) {
      if (rewritten === null) delete holder.pattern;
      else holder.pattern = rewritten;
    }
  }
}

const JSON_SCHEMA_OPTIONS = { target: "draft-2020-12", unrepresentable: "any", override: overridePatterns } as const;

/**
 * Answers may gain fields in later versions: their schemas do not forbid unknown properties
 * (zod writes additionalProperties: false for every object), so a client that validates an
 * answer against this document keeps working when one is added.
 */
function allowNewFields(json: unknown): void {
  if (Array.isArray(json)) return json.forEach(allowNewFields);
  if (!json || typeof json !== "object") return;
  const record = json as Record<string, unknown>;
  if (record.additionalProperties === false) delete record.additionalProperties;
  Object.values(record).forEach(allowNewFields);
}

/** One standalone zod schema as an OpenAPI 3.1 Schema Object: the document is the dialect, not $schema. */
function toSchema(schema: z.ZodType, io: "input" | "output"): TJsonSchema {
  const { $schema: _schema, $id: _id, ...json } = z.toJSONSchema(schema, { ...JSON_SCHEMA_OPTIONS, io }) as TJsonSchema;
  if (io === "output") allowNewFields(json);
  return json;
}

/** Named schemas, each a component; one nested in another becomes a $ref to it. */
function toComponents(schemas: Record<string, z.ZodType>, io: "input" | "output"): Record<string, TJsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const generated = z.toJSONSchema(registry, { ...JSON_SCHEMA_OPTIONS, io, uri: (id) => `#/components/schemas/${id}` }).schemas;
  return Object.fromEntries(
    Object.entries(generated).map(([id, schema]) => {
      const { $schema: _schema, $id: _id, ...json } = schema as TJsonSchema;
      if (io === "output") allowNewFields(json);
      return [id, json];
    }),
  );
}

function queryParameters(schema: z.ZodObject): TParameter[] {
  const json = toSchema(schema, "input");
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...propertySchema } = property as TJsonSchema;
    return { name, in: "query", required: json.required?.includes(name) ?? false, ...(description ? { description } : {}), schema: propertySchema };
  });
}

const ERROR_CODE_BY_STATUS = Object.fromEntries(Object.entries(API_ERROR_STATUS).map(([code, status]) => [status, code])) as Record<TErrorStatus, TApiErrorCode>;

const RETRY_AFTER = { description: "Seconds to wait before trying again", schema: { type: "integer", minimum: 0 } } satisfies TResponseHeader;
const ERROR_HEADERS: Partial<Record<TErrorStatus, Record<string, TResponseHeader>>> = {
  401: { "WWW-Authenticate": { description: 'Bearer realm="preflight" (with error="invalid_token" for a token that is not valid)', schema: { type: "string" } } },
  429: { "Retry-After": RETRY_AFTER },
  503: { "Retry-After": RETRY_AFTER },
};

function errorResponse(status: TErrorStatus, description: string): TResponse {
  const headers = ERROR_HEADERS[status];
  return { description: `${ERROR_CODE_BY_STATUS[status]}: ${description}`, ...(headers ? { headers } : {}), content: { "application/json": { schema: ref("Error") } } };
}

export function buildOpenApiDocument(): TOpenApiDocument {
  const queries: Record<string, TParameter[]> = Object.fromEntries(Object.entries(QUERIES).map(([name, schema]) => [name, queryParameters(schema)]));
  const paths: TOpenApiDocument["paths"] = {};
  for (const operation of OPERATIONS) {
    const pathNames = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
    const parameters: TParameter[] = [
      ...pathNames.map((name): TParameter => ({ name, in: "path", required: true, description: PATH_PARAMETERS[name]!.description, schema: toSchema(PATH_PARAMETERS[name]!.schema, "input") })),
      ...(operation.query ? queries[operation.query]! : []),
    ];
    const responses: Record<string, TResponse> = {
      [operation.success.status]: { description: operation.success.description, content: { "application/json": { schema: ref(operation.success.schema) } } },
    };
    for (const [status, description] of Object.entries(operation.errors)) responses[status] = errorResponse(Number(status) as TErrorStatus, description!);
    paths[operation.path] = {
      ...paths[operation.path],
      [operation.method]: {
        operationId: operation.operationId,
        summary: operation.summary,
        description: operation.description,
        tags: [operation.tag],
        ...(parameters.length > 0 ? { parameters } : {}),
        ...(operation.body ? { requestBody: { required: true, content: { "application/json": { schema: ref(operation.body) } } } } : {}),
        responses,
      } satisfies TOperation,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Preflight API",
      version: "1",
      description:
        "Read releases and their verdicts, create releases, move checklist items, post evidence and CI results, and ask the deploy gate. " +
        "Every request needs an API token (Admin → API tokens) as `Authorization: Bearer <token>`; a token acts with its role. " +
        "Errors answer `{ \"error\": { \"code\", \"message\", \"fieldErrors\"?, \"currentVersion\"? } }`.",
    },
    servers: [{ url: "/" }],
    tags: [
      { name: "Releases", description: "Releases, their items and verdicts" },
      { name: "Gate", description: "The deploy gate for CI/CD pipelines" },
    ],
    security: [{ [BEARER_SCHEME]: [] }],
    paths,
    components: {
      schemas: { ...toComponents(inputSchemas(), "input"), ...toComponents(outputSchemas(), "output") },
      securitySchemes: {
        [BEARER_SCHEME]: { type: "http", scheme: "bearer", bearerFormat: "Preflight API token (pfl_…)", description: "An API token from Admin → API tokens" },
      },
    },
  };
}
