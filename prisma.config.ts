import { defineConfig } from "prisma/config";

// The Prisma CLI is used only for `prisma generate`; migrations are SQL files applied
// by node-pg-migrate (docs/decisions/0001-migrations.md), so no datasource URL is needed.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
