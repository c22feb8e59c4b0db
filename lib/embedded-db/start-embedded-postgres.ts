import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export type TEmbeddedPostgres = { url: string; stop: () => Promise<void> };

type TOptions = {
  /** Folder for the data files; omit for a throwaway in-memory database. */
  dataDir?: string;
  /** 0 picks a free port. */
  port?: number;
};

/**
 * PGlite served over the PostgreSQL wire protocol, so the app, node-pg-migrate and psql
 * talk to it exactly as they talk to a real server.
 */
export async function startEmbeddedPostgres({ dataDir, port = 0 }: TOptions = {}): Promise<TEmbeddedPostgres> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  // pg_trgm backs audit search's indexes (prisma/migrations/*_audit-search-indexes.sql).
  const db = await PGlite.create(dataDir ?? "memory://", { extensions: { pg_trgm } });
  // PGlite is one backend; the server multiplexes client connections onto it.
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port, maxConnections: 128 });
  await server.start();
  const address = server.getServerConn();
  let stopped = false;
  return {
    url: `postgresql://postgres:postgres@${address}/postgres?sslmode=disable`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
    },
  };
}
