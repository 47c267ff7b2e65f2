import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * Environment, validated once. With no configuration Herald runs embedded: PGlite in `.data/`,
 * the in-process jobs runner, the outbox mail provider, and secrets generated on first start
 * and kept in `.data/secrets.json`. In production every secret must come from the environment.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  HERALD_DATA_DIR: z.string().optional(),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  AUTH_URL: z.string().url().optional(),
  HERALD_ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, "HERALD_ENCRYPTION_KEY must be 64 hex characters (32 bytes)")
    .optional(),
  HERALD_HMAC_KEY: z.string().min(32, "HERALD_HMAC_KEY must be at least 32 characters").optional(),
  HERALD_DEV_MAILBOX: z.string().optional(),
  HERALD_SKIP_SEED: z.string().optional(),
  INNGEST_EVENT_KEY: z.string().optional(),
  INNGEST_DEV: z.string().optional(),
  SENDGRID_API_KEY: z.string().optional(),
  SENDGRID_API_URL: z.string().url().optional(),
  STRIPE_SECRET_KEY: z.string().optional(),
  MAIL_FROM: z.string().default("Herald <no-reply@herald.local>"),
  APP_URL: z.string().url().optional(),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Herald's environment is invalid:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

export const isProduction = () => env().NODE_ENV === "production";

export function dataDir(): string {
  // Runtime data, not code: keep it out of the build's file tracing.
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), env().HERALD_DATA_DIR ?? ".data");
}

type Secrets = { authSecret: string; encryptionKey: string; hmacKey: string };
let secretsCache: Secrets | undefined;

/** The three secrets. Generated into `.data/secrets.json` outside production; required in it. */
export function secrets(): Secrets {
  if (secretsCache) return secretsCache;
  const e = env();
  const fromEnv = { authSecret: e.AUTH_SECRET, encryptionKey: e.HERALD_ENCRYPTION_KEY, hmacKey: e.HERALD_HMAC_KEY };
  if (isProduction()) {
    const missing = [
      !fromEnv.authSecret && "AUTH_SECRET",
      !fromEnv.encryptionKey && "HERALD_ENCRYPTION_KEY",
      !fromEnv.hmacKey && "HERALD_HMAC_KEY",
    ].filter(Boolean);
    if (missing.length) {
      throw new Error(
        `Missing ${missing.join(", ")}: production needs these secrets in the environment ` +
          `(generate with \`openssl rand -hex 32\`).`,
      );
    }
    secretsCache = fromEnv as Secrets;
    return secretsCache;
  }
  const file = path.join(dataDir(), "secrets.json");
  let stored: Partial<Secrets> = {};
  if (fs.existsSync(file)) stored = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<Secrets>;
  const generated: Secrets = {
    authSecret: stored.authSecret ?? randomBytes(32).toString("hex"),
    encryptionKey: stored.encryptionKey ?? randomBytes(32).toString("hex"),
    hmacKey: stored.hmacKey ?? randomBytes(32).toString("hex"),
  };
  if (!stored.authSecret || !stored.encryptionKey || !stored.hmacKey) {
    fs.mkdirSync(dataDir(), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(generated, null, 2), { mode: 0o600 });
  }
  secretsCache = {
    authSecret: fromEnv.authSecret ?? generated.authSecret,
    encryptionKey: fromEnv.encryptionKey ?? generated.encryptionKey,
    hmacKey: fromEnv.hmacKey ?? generated.hmacKey,
  };
  return secretsCache;
}

/** Jobs run in-process unless an Inngest server (cloud or dev) is configured. */
export const usesLocalRunner = () => !env().INNGEST_EVENT_KEY && !env().INNGEST_DEV;

export function appUrl(): string {
  const e = env();
  return (e.APP_URL ?? e.AUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
}

/** `/dev/*` (the mailbox) exists in development, or in production when explicitly enabled. */
export const devToolsEnabled = () => !isProduction() || env().HERALD_DEV_MAILBOX === "1";

/** Test hook: forget cached env so a test can change process.env. */
export function resetEnvCache() {
  cached = undefined;
  secretsCache = undefined;
}
