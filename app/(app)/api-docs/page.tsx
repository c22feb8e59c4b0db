import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { API_ERROR_STATUS } from "@/lib/api/api-response";
import { buildOpenApiDocument, type TJsonSchema, type TOperation, type TParameter } from "@/lib/api/openapi";
import { apiRateLimit } from "@/lib/api/run-api";
import { requireCurrentActor } from "@/lib/auth/current-actor";

export const metadata: Metadata = { title: "API reference" };

// The reference reads the same OpenAPI document that /api/v1/openapi.json serves, so the page
// cannot describe an API other than the one the zod schemas accept.

type TField = { name: string; type: string; isRequired: boolean; description: string };
type TOperationEntry = TOperation & { method: string; path: string };

const schemaName = (ref: string) => ref.split("/").at(-1) ?? ref;
const asSchema = (value: unknown): TJsonSchema => (value && typeof value === "object" && !Array.isArray(value) ? (value as TJsonSchema) : {});

function typeLabel(schema: TJsonSchema): string {
  if (schema.$ref) return schemaName(schema.$ref);
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return union.map(typeLabel).join(" | ");
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length === 0) return "any";
  const additional = asSchema(schema.additionalProperties);
  return types
    .map((type) => {
      if (type === "array") return `${typeLabel(asSchema(schema.items))}[]`;
      if (type === "string" && schema.format) return `string (${schema.format})`;
      if (type === "object" && !schema.properties && additional.type) return `map of ${typeLabel(additional)}`;
      return type;
    })
    .join(" | ");
}

/** The limits a field's schema sets, in words (the safe-integer bounds zod adds say nothing). */
function rulesOf(schema: TJsonSchema): string[] {
  const rules: string[] = [];
  const { minLength, maxLength, minimum, maximum, exclusiveMinimum } = schema;
  if (minLength !== undefined && maxLength !== undefined) rules.push(`${minLength} to ${maxLength} characters`);
  else if (minLength !== undefined) rules.push(`at least ${minLength} character${minLength === 1 ? "" : "s"}`);
  else if (maxLength !== undefined) rules.push(`at most ${maxLength} characters`);
  if (schema.pattern && !schema.format) rules.push(`matches ${schema.pattern}`);
  if (typeof exclusiveMinimum === "number") rules.push(`greater than ${exclusiveMinimum}`);
  if (minimum !== undefined && Number.isSafeInteger(minimum) && Math.abs(minimum) < Number.MAX_SAFE_INTEGER) rules.push(`at least ${minimum}`);
  if (maximum !== undefined && Number.isSafeInteger(maximum) && Math.abs(maximum) < Number.MAX_SAFE_INTEGER) rules.push(`at most ${maximum}`);
  return rules;
}

/** An object written inline in a field (directly, as array items, or beside null), whose fields are listed too. */
function innerObject(schema: TJsonSchema): { schema: TJsonSchema; suffix: string } | null {
  if (schema.properties) return { schema, suffix: "" };
  const items = asSchema(schema.items);
  if (schema.type === "array" && items.properties) return { schema: items, suffix: "[]" };
  const branch = (schema.anyOf ?? []).find((candidate) => candidate.properties);
  return branch ? { schema: branch, suffix: "" } : null;
}

function fieldsOf(schema: TJsonSchema, prefix = ""): TField[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).flatMap(([key, value]) => {
    const property = asSchema(value);
    const name = `${prefix}${key}`;
    const inner = innerObject(property);
    const description = [property.description, ...rulesOf(property)].filter(Boolean).join("; ");
    return [{ name, type: typeLabel(property), isRequired: required.has(key), description }, ...(inner ? fieldsOf(inner.schema, `${name}${inner.suffix}.`) : [])];
  });
}

/** "kind: "ci"" for a variant of a oneOf body, told apart by its constant field. */
function variantLabel(variant: TJsonSchema): string {
  const [name, constant] = Object.entries(variant.properties ?? {}).find(([, value]) => asSchema(value).const !== undefined) ?? [];
  return name ? `${name} is ${JSON.stringify(asSchema(constant).const)}` : "variant";
}

const CELL = "px-3 py-2 align-top";
const HEAD = "px-3 py-2 font-medium";

/** A type with the schema names in it linked to their sections below. */
function TypeWithLinks({ type, schemaNames }: { type: string; schemaNames: Set<string> }) {
  return type.split(/(\w+)/).map((part, i) =>
    schemaNames.has(part) ? (
      <a key={i} href={`#schema-${part}`} className="text-brand-700 hover:underline">
        {part}
      </a>
    ) : (
      part
    ),
  );
}

function FieldTable({ caption, fields, schemaNames, nameHeader = "Field" }: { caption: string; fields: TField[]; schemaNames: Set<string>; nameHeader?: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200">
      <table className="w-full text-left text-sm">
        <caption className="border-b border-slate-200 bg-slate-50 px-3 py-2 text-left text-xs font-medium text-slate-600">{caption}</caption>
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className={HEAD}>{nameHeader}</th>
            <th scope="col" className={HEAD}>Type</th>
            <th scope="col" className={HEAD}>Required</th>
            <th scope="col" className={HEAD}>Description</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {fields.map((field) => (
            <tr key={field.name}>
              <th scope="row" className={`${CELL} font-mono text-xs font-normal text-slate-900`}>{field.name}</th>
              <td className={`${CELL} font-mono text-xs`}>
                <TypeWithLinks type={field.type} schemaNames={schemaNames} />
              </td>
              <td className={CELL}>{field.isRequired ? "Yes" : "No"}</td>
              <td className={`${CELL} text-slate-700`}>{field.description || "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function parameterFields(parameters: TParameter[]): TField[] {
  return parameters.map((p) => ({ name: p.name, type: `${typeLabel(p.schema)} (${p.in})`, isRequired: p.required, description: [p.description, ...rulesOf(p.schema)].filter(Boolean).join("; ") }));
}

function Code({ children }: { children: string }) {
  return <pre className="overflow-x-auto rounded-lg bg-slate-900 p-4 font-mono text-xs leading-relaxed text-slate-100"><code>{children}</code></pre>;
}

const EXAMPLES = [
  {
    title: "Post a CI result as evidence",
    text: "From a CI job after a check ran: a pass marks the item done, a fail marks it blocked. The item must be bound to the check (“CI: integration-tests” in its template).",
    code: `curl -sS --fail-with-body -X POST "$PREFLIGHT_URL/api/v1/releases/$RELEASE_ID/items/$ITEM_KEY/evidence" \\
  -H "Authorization: Bearer $PREFLIGHT_TOKEN" \\
  -H "Content-Type: application/json" \\
  -d '{"kind":"ci","check":"integration-tests","result":"pass","url":"https://ci.example.com/run/1","commit":"3f9c2ab"}'`,
  },
  {
    title: "Change an item's status",
    text: "Send the version you last read; a 409 answer carries the current version to read again and retry with.",
    code: `curl -sS --fail-with-body -X PATCH "$PREFLIGHT_URL/api/v1/releases/$RELEASE_ID/items/$ITEM_KEY" \\
  -H "Authorization: Bearer $PREFLIGHT_TOKEN" \\
  -H "Content-Type: application/json" \\
  -d '{"status":"DONE","expectedVersion":3}'`,
  },
  {
    title: "Ask the deploy gate",
    text: "Before deploying: with jq -e, the step fails unless pass is true.",
    code: `curl -sS --fail-with-body "$PREFLIGHT_URL/api/v1/gate?service=checkout&version=2.4.0&environment=production" \\
  -H "Authorization: Bearer $PREFLIGHT_TOKEN" | jq -e '.pass'`,
  },
];

export default async function ApiDocsPage() {
  await requireCurrentActor();
  const document = buildOpenApiDocument();
  const schemas = document.components.schemas;
  const operations: TOperationEntry[] = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ ...operation, method: method.toUpperCase(), path })),
  );
  const bodyNames = new Set(operations.flatMap((op) => op.requestBody?.content["application/json"].schema.$ref ?? []).map(schemaName));
  const answerSchemas = Object.entries(schemas).filter(([name]) => !bodyNames.has(name));
  const schemaNames = new Set(answerSchemas.map(([name]) => name));
  const link = "font-medium text-brand-700 hover:underline";
  const section = "mb-6 rounded-xl border border-slate-200 bg-white p-4";

  return (
    <>
      <PageHeader
        title="API reference"
        description="The REST API v1, for CI pipelines and other systems: read releases and verdicts, move items, post evidence and CI results, ask the deploy gate."
        actions={<a href="/api/v1/openapi.json" className={`text-sm ${link}`}>OpenAPI document (JSON)</a>}
      />
      <section aria-labelledby="getting-started" className={`${section} space-y-2 text-sm text-slate-700`}>
        <h2 id="getting-started" className="font-semibold text-slate-900">Tokens</h2>
        <p>
          Every request needs an API token. An admin creates one under <Link href="/admin/tokens" className={link}>Admin → API tokens</Link>; it starts with <code>pfl_</code> and is shown only once.
          Send it on each request as <code>Authorization: Bearer &lt;token&gt;</code>. A token acts with its role: viewer tokens read, member tokens also change items and add evidence,
          release manager tokens also create releases. Its writes are audited as the token.
        </p>
        <p>
          The machine-readable description is the OpenAPI 3.1 document at <a href="/api/v1/openapi.json" className={link}>/api/v1/openapi.json</a> (no token needed), for client generators and
          API tools. The examples below expect <code>PREFLIGHT_URL</code> (this server&apos;s address), <code>PREFLIGHT_TOKEN</code>, <code>RELEASE_ID</code> and <code>ITEM_KEY</code>{" "}
          (a slug of the item&apos;s text, listed by <code>GET /api/v1/releases/{"{releaseId}"}</code>) in the environment.
        </p>
      </section>
      <section aria-labelledby="errors" className={`${section} space-y-2 text-sm text-slate-700`}>
        <h2 id="errors" className="font-semibold text-slate-900">Errors</h2>
        <p>
          Every error is JSON with the status that says what went wrong: <code>{`{ "error": { "code": "conflict", "message": "…", "currentVersion": 4 } }`}</code>. A 422 names the
          fields it refuses in <code>fieldErrors</code>; a 409 over an item gives its <code>currentVersion</code>.
        </p>
        <ul aria-label="Error codes" className="grid gap-1 sm:grid-cols-2">
          {Object.entries(API_ERROR_STATUS).map(([code, status]) => (
            <li key={code}>
              <span className="font-mono text-xs">{status}</span> <code>{code}</code>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="rate-limits" className={`${section} space-y-2 text-sm text-slate-700`}>
        <h2 id="rate-limits" className="font-semibold text-slate-900">Rate limits</h2>
        <p>
          Each token may make <code>PREFLIGHT_API_RATE_LIMIT</code> requests a minute (600 unless the server sets it; this server allows {apiRateLimit()}). Past that the answer is 429 with a{" "}
          <code>Retry-After</code> header in seconds; a 503 (the database busy or out of reach) carries one too.
        </p>
      </section>
      <section aria-labelledby="examples" className={`${section} space-y-4 text-sm text-slate-700`}>
        <h2 id="examples" className="font-semibold text-slate-900">Examples</h2>
        {EXAMPLES.map((example) => (
          <div key={example.title} className="space-y-2">
            <h3 className="font-medium text-slate-900">{example.title}</h3>
            <p>{example.text}</p>
            <Code>{example.code}</Code>
          </div>
        ))}
      </section>
      <nav aria-labelledby="endpoints-toc" className={section}>
        <h2 id="endpoints-toc" className="mb-2 font-semibold text-slate-900">Endpoints</h2>
        <ul className="space-y-1 text-sm">
          {operations.map((op) => (
            <li key={op.operationId}>
              <a href={`#${op.operationId}`} className={link}>
                <span className="font-mono text-xs">{op.method} {op.path}</span>
              </a>{" "}
              <span className="text-slate-600">{op.summary}</span>
            </li>
          ))}
        </ul>
      </nav>
      {operations.map((op) => {
        const bodyRef = op.requestBody?.content["application/json"].schema.$ref;
        const body = bodyRef ? schemas[schemaName(bodyRef)] : undefined;
        const label = `${op.method} ${op.path}`;
        return (
          <section key={op.operationId} id={op.operationId} aria-labelledby={`${op.operationId}-title`} className={`${section} space-y-3 text-sm text-slate-700`}>
            <h2 id={`${op.operationId}-title`} className="font-mono text-base font-semibold text-slate-900">{label}</h2>
            <p className="font-medium text-slate-900">{op.summary}</p>
            <p>{op.description}</p>
            {op.parameters ? <FieldTable caption={`Parameters of ${label}`} fields={parameterFields(op.parameters)} schemaNames={schemaNames} nameHeader="Parameter" /> : null}
            {body
              ? (body.oneOf ?? [body]).map((variant) => (
                  <FieldTable key={variantLabel(variant)} caption={`Request body (JSON)${body.oneOf ? `, when ${variantLabel(variant)}` : ""}`} fields={fieldsOf(variant)} schemaNames={schemaNames} />
                ))
              : null}
            <h3 className="font-medium text-slate-900">Responses</h3>
            <ul aria-label={`Responses of ${label}`} className="divide-y divide-slate-100 rounded-lg border border-slate-200">
              {Object.entries(op.responses).map(([status, response]) => {
                const ref = response.content?.["application/json"].schema.$ref;
                return (
                  <li key={status} className="flex flex-wrap gap-x-3 px-3 py-2">
                    <span className="font-mono text-xs font-semibold text-slate-900">{status}</span>
                    <span className="flex-1">{response.description}</span>
                    {ref ? <a href={`#schema-${schemaName(ref)}`} className={`font-mono text-xs ${link}`}>{schemaName(ref)}</a> : null}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      <h2 className="mb-4 mt-8 text-lg font-semibold text-slate-900">Response bodies</h2>
      {answerSchemas.map(([name, schema]) => (
        <section key={name} id={`schema-${name}`} aria-labelledby={`schema-${name}-title`} className={`${section} space-y-2 text-sm`}>
          <h3 id={`schema-${name}-title`} className="font-mono font-semibold text-slate-900">{name}</h3>
          <FieldTable caption={`Fields of ${name}`} fields={fieldsOf(schema)} schemaNames={schemaNames} />
        </section>
      ))}
    </>
  );
}
