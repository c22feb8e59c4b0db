// `npm run db:seed`: load the demo data into DATABASE_URL (only when asked).
import { createDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { seedDemoData } from "@/prisma/seed/seed-demo-data";

const url = getEnv().DATABASE_URL;
if (!url) {
  console.error("db:seed needs DATABASE_URL (postgres://user:password@host:5432/database)");
  process.exit(1);
}
const db = createDb(url);
try {
  await seedDemoData(db);
  console.log("Demo data loaded.");
} finally {
  await db.$disconnect();
}
