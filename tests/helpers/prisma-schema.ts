import { readFileSync } from "node:fs";
import internals from "@prisma/internals";

export type TExpectedColumn = { table: string; column: string; type: string; isNullable: boolean };
export type TExpectedSchema = { tables: string[]; columns: TExpectedColumn[]; enums: Record<string, string[]> };

type TField = Awaited<ReturnType<typeof internals.getDMMF>>["datamodel"]["models"][number]["fields"][number];

// Prisma scalar (and native type) → PostgreSQL's own type name, as format_type() prints it.
const NATIVE_TYPES: Record<string, (args: string[]) => string> = {
  Uuid: () => "uuid",
  Text: () => "text",
  VarChar: ([n]) => (n ? `character varying(${n})` : "character varying"),
  Timestamptz: ([p]) => `timestamp(${p ?? 6}) with time zone`,
  Timestamp: ([p]) => `timestamp(${p ?? 6}) without time zone`,
  Date: () => "date",
  SmallInt: () => "smallint",
  Integer: () => "integer",
  BigInt: () => "bigint",
  JsonB: () => "jsonb",
  Char: ([n]) => `character(${n ?? 1})`,
};
const DEFAULT_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Boolean: "boolean",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  Bytes: "bytea",
};

function columnType(field: TField, enumDbNames: Map<string, string>): string {
  let type: string;
  if (field.kind === "enum") {
    type = `"${enumDbNames.get(field.type) ?? field.type}"`;
  } else if (field.nativeType) {
    const [name, args] = field.nativeType as [string, string[]];
    const map = NATIVE_TYPES[name];
    if (!map) throw new Error(`drift test: add a mapping for @db.${name}`);
    type = map(args);
  } else {
    const mapped = DEFAULT_TYPES[field.type];
    if (!mapped) throw new Error(`drift test: add a mapping for ${field.type}`);
    type = mapped;
  }
  return field.isList ? `${type}[]` : type;
}

/** What the migrated database must look like, read from prisma/schema.prisma. */
export async function expectedSchemaFromPrisma(schemaPath = "prisma/schema.prisma"): Promise<TExpectedSchema> {
  const dmmf = await internals.getDMMF({ datamodel: readFileSync(schemaPath, "utf8") });
  const enumDbNames = new Map(dmmf.datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
  const enums = Object.fromEntries(
    dmmf.datamodel.enums.map((e) => [e.dbName ?? e.name, e.values.map((v) => v.dbName ?? v.name)]),
  );
  const tables: string[] = [];
  const columns: TExpectedColumn[] = [];
  for (const model of dmmf.datamodel.models) {
    const table = model.dbName ?? model.name;
    tables.push(table);
    for (const field of model.fields) {
      if (field.kind === "object") continue;
      columns.push({
        table,
        column: field.dbName ?? field.name,
        type: columnType(field, enumDbNames),
        isNullable: !field.isRequired,
      });
    }
  }
  return { tables: tables.sort(), columns, enums };
}
