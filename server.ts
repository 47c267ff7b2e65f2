// Herald's HTTP server (`npm run dev`, `npm start`): a plain Node server that answers the
// tracking hot paths itself (open pixel, click redirect, one-click unsubscribe POST: see
// lib/tracking/http-handler.ts) and hands every other request to Next's request handler.
// Next documents this as a custom server for the App Router; instrumentation.ts still runs
// inside Next at `prepare()` (migrations, the jobs runner), and the database pool is one per
// process (db/client.ts keeps it on globalThis), shared by both halves.
//
// Options: `-p/--port <n>` or PORT (default 3000); `-H/--hostname <host>` (default: every
// interface, like `next start`; HOSTNAME is not read: containers set it to their own name). NODE_ENV=production serves the `next build` output;
// anything else runs Next in development mode.
import { createServer } from "node:http";
import next from "next";
import { closeDb, ensureDb } from "@/db";
import { flushApiMeter } from "@/lib/billing/meter-api-request";
import { hitRecorder } from "@/lib/tracking/hit-recorder";
import { handleLeanRequest } from "@/lib/tracking/http-handler";

function option(names: string[]): string | undefined {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    for (const name of names) {
      if (args[i] === name) return args[i + 1];
      if (args[i].startsWith(`${name}=`)) return args[i].slice(name.length + 1);
    }
  }
  return undefined;
}

const dev = process.env.NODE_ENV !== "production";
const port = Number(option(["-p", "--port"]) ?? process.env.PORT ?? 3000);
const hostname = option(["-H", "--hostname"]);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`[herald] not a port: ${option(["-p", "--port"]) ?? process.env.PORT}`);
  process.exit(1);
}
// appUrl() falls back to http://localhost:$PORT when APP_URL is not set.
process.env.PORT = String(port);

async function main() {
  const server = createServer();
  const app = next({ dev, hostname: hostname ?? "localhost", port, httpServer: server });
  const handle = app.getRequestHandler();
  await app.prepare();
  // instrumentation.ts migrates too, but Next may run it after prepare() resolves: the lean
  // handler answers without Next, so it must not take a hit before the schema is there.
  await ensureDb();

  server.on("request", (req, res) => {
    if (handleLeanRequest(req, res)) return;
    handle(req, res).catch((e: unknown) => {
      console.error("[herald] request failed", e);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.listen(port, hostname, () => {
    console.log(`[herald] listening on http://${hostname ?? "localhost"}:${port} (${dev ? "development" : "production"})`);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[herald] ${signal}: finishing requests in flight`);
    // Stop accepting, let the hits already taken commit, then close Next and the pool.
    server.close();
    server.closeIdleConnections();
    // Hits are durable once written; folding them is left to the next process or the sweep, so
    // a backlog never holds up a shutdown past its grace period.
    await hitRecorder().drain({ fold: false });
    // API requests counted in memory are written before the pool closes.
    await flushApiMeter().catch(() => {});
    await app.close().catch(() => {});
    await closeDb().catch(() => {});
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((e: unknown) => {
  console.error("[herald] cannot start", e);
  process.exit(1);
});
