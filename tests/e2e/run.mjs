// `npm run test:e2e`: the Playwright suite against a production build of Herald.
// - Finds Chromium (Debian's /usr/bin/chromium, or Playwright's own). Without one it says so
//   loudly and skips: `.ci/run` always installs Chromium first, so CI never skips.
// - Gives the server fresh secrets and a fresh database: `<db>_e2e` on the Postgres server when
//   DATABASE_URL is set, otherwise a PGlite directory under .data/e2e.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);
  for (const c of candidates) if (fs.existsSync(c)) return c;
  try {
    // Playwright's own browser, if someone downloaded it where that is possible.
    const p = require("@playwright/test").chromium.executablePath();
    if (p && fs.existsSync(p)) return p;
  } catch {
    // not installed: fall through
  }
  return null;
}

const chromium = findChromium();
if (!chromium) {
  const bar = "!".repeat(78);
  console.warn(`\n${bar}\n!! Playwright suite SKIPPED: no Chromium found.\n!! Install one with:  sudo apt-get install -y chromium   (Debian/Ubuntu)\n!! .ci/run installs it, so CI always runs this suite.\n${bar}\n`);
  process.exit(0);
}

const env = { ...process.env, CHROMIUM_PATH: chromium, NEXT_TELEMETRY_DISABLED: "1" };
env.AUTH_SECRET ??= randomBytes(32).toString("hex");
env.HERALD_ENCRYPTION_KEY ??= randomBytes(32).toString("hex");
env.HERALD_HMAC_KEY ??= randomBytes(32).toString("hex");
env.HERALD_DEV_MAILBOX = "1";
const port = env.E2E_PORT ?? "3100";
env.AUTH_URL = `http://localhost:${port}`;
env.APP_URL = env.AUTH_URL;
// Billing runs against the local Stripe fake (tests/fakes/stripe-server.ts), never the real Stripe.
env.E2E_APP_URL = env.AUTH_URL;
env.E2E_STRIPE_PORT ??= "12111";
Object.assign(env, {
  STRIPE_SECRET_KEY: "sk_test_e2e",
  STRIPE_WEBHOOK_SECRET: "whsec_e2e",
  STRIPE_API_HOST: "127.0.0.1",
  STRIPE_API_PORT: env.E2E_STRIPE_PORT,
  STRIPE_API_PROTOCOL: "http",
  STRIPE_PRICE_BASIC: "price_basic_e2e",
  STRIPE_PRICE_PRO: "price_pro_e2e",
  STRIPE_PRICE_PREMIUM: "price_premium_e2e",
});

if (env.DATABASE_URL) {
  const url = new URL(env.DATABASE_URL);
  const name = `${url.pathname.slice(1) || "herald"}_e2e`.replace(/[^a-z0-9_]/gi, "_");
  const admin = new URL(env.DATABASE_URL);
  admin.pathname = "/postgres";
  const sql = `DROP DATABASE IF EXISTS "${name}" WITH (FORCE); CREATE DATABASE "${name}";`;
  const r = spawnSync(process.execPath, ["-e", `
    const postgres = require("postgres");
    const db = postgres(${JSON.stringify(admin.toString())}, { max: 1, onnotice: () => {} });
    (async () => { for (const s of ${JSON.stringify(sql)}.split(";").map(x => x.trim()).filter(Boolean)) await db.unsafe(s); await db.end(); })()
      .catch(e => { console.error(e); process.exit(1); });
  `], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  console.log(`[e2e] Postgres database ${name}`);
} else {
  const dir = path.resolve(".data/e2e");
  fs.rmSync(dir, { recursive: true, force: true });
  env.HERALD_DATA_DIR = dir;
  console.log(`[e2e] PGlite in ${dir}`);
}

const result = spawnSync("npx", ["playwright", "test", ...process.argv.slice(2)], { stdio: "inherit", env });
process.exit(result.status ?? 1);
