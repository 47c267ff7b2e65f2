import { dbKind, ensureDb } from "@/db";
import { DEMO, seedDemo } from "@/db/seed";
import { startRunner } from "@/inngest/runner";
import { env, secrets, usesLocalRunner } from "@/lib/env";

/**
 * Server start: validate the environment and secrets (a production start without them stops
 * here, naming the variable), migrate, seed demo data in development, arm the local jobs runner.
 */
export async function startServer() {
  env();
  secrets();
  await ensureDb();
  console.log(`[herald] database ready (${dbKind()})`);
  if (env().NODE_ENV === "production" && env().HERALD_DEV_MAILBOX === "1") {
    console.warn(
      "[herald] WARNING: HERALD_DEV_MAILBOX=1 in production: /dev/mailbox shows every sign-in code and link to anyone. Use it only for tests, never on a public host.",
    );
  }
  const seedWanted = env().NODE_ENV === "development" ? env().HERALD_SKIP_SEED !== "1" : process.env.HERALD_SEED === "1";
  if (seedWanted) {
    const { seeded } = await seedDemo();
    if (seeded) console.log(`[herald] empty database: seeded demo data. Sign in as ${DEMO.email} / ${DEMO.password}`);
  }
  if (usesLocalRunner()) {
    startRunner();
    console.log("[herald] jobs run in-process (set INNGEST_EVENT_KEY or INNGEST_DEV to use Inngest)");
  }
}

/** A server that cannot start must not half-run: say why and stop. */
export async function startServerOrExit() {
  try {
    await startServer();
  } catch (e) {
    console.error(`[herald] cannot start: ${(e as Error).message}`);
    process.exit(1);
  }
}
