// The production server `npm start` runs: one Next.js server per core (PREFLIGHT_WORKERS to
// change), all on one port. Node's cluster hands each connection to a worker; the workers
// share nothing but the database (sessions are signed cookies, limits are counted in the
// database, webhooks are a queue in it), so any worker can answer any request.
import cluster from "node:cluster";
import http from "node:http";
import { availableParallelism } from "node:os";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.PREFLIGHT_HOST || undefined;
const wanted = Number(process.env.PREFLIGHT_WORKERS);
const workers = Number.isInteger(wanted) && wanted > 0 ? wanted : availableParallelism();

if (cluster.isPrimary) {
  let stopping = false;
  const fork = () => cluster.fork();
  for (let i = 0; i < workers; i += 1) fork();
  console.log(`Preflight: ${workers} worker${workers === 1 ? "" : "s"} on port ${port} (PREFLIGHT_WORKERS to change)`);
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    // A worker that dies is replaced; the others kept serving meanwhile.
    console.error(`Preflight: worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    fork();
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const alive = Object.values(cluster.workers ?? {});
    if (alive.length === 0) process.exit(0);
    for (const worker of alive) worker?.process.kill("SIGTERM");
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
} else {
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: process.cwd(), hostname: host ?? "localhost", port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = http.createServer((request, response) => handle(request, response));
  server.listen(port, host);
  // Finish the requests in flight, then go; a stuck keep-alive connection does not hold the stop.
  process.on("SIGTERM", () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  });
  process.on("SIGINT", () => {});
}
