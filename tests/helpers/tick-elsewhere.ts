// Another Preflight process changing an item: `node --conditions=react-server --import tsx
// tests/helpers/tick-elsewhere.ts '<json>'` with DATABASE_URL set. Prints the result as JSON.
import { createDb } from "@/lib/db";
import { updateItemStatus, type TUpdateItemStatus } from "@/lib/data/releases/update-item-status";
import type { TActor } from "@/lib/auth/permissions";

const { actor, input } = JSON.parse(process.argv[2]!) as { actor: TActor; input: TUpdateItemStatus };
const db = createDb(process.env.DATABASE_URL!);
const result = await updateItemStatus(actor, input, db);
process.stdout.write(JSON.stringify(result));
await db.$disconnect();
