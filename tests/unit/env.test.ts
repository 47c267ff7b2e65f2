import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache, secrets } from "@/lib/env";

const saved = { ...process.env };
const setEnv = (vars: Record<string, string | undefined>) => {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
};

afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

describe("secrets", () => {
  it("generates the embedded defaults once into the data directory and reuses them", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "herald-env-"));
    setEnv({ NODE_ENV: "development", HERALD_DATA_DIR: dir, AUTH_SECRET: undefined, HERALD_ENCRYPTION_KEY: undefined, HERALD_HMAC_KEY: undefined });
    const first = secrets();
    expect(first.encryptionKey).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "secrets.json"), "utf8"))).toEqual(first);
    resetEnvCache();
    expect(secrets()).toEqual(first);
  });

  it.each(["AUTH_SECRET", "HERALD_ENCRYPTION_KEY", "HERALD_HMAC_KEY"])("stops a production start without %s and names it", (missing) => {
    setEnv({
      NODE_ENV: "production",
      AUTH_SECRET: "a".repeat(64),
      HERALD_ENCRYPTION_KEY: "b".repeat(64),
      HERALD_HMAC_KEY: "c".repeat(64),
      [missing]: undefined,
    });
    expect(() => secrets()).toThrow(new RegExp(`Missing ${missing}`));
  });

  it("rejects a malformed encryption key with the variable's name", () => {
    setEnv({ NODE_ENV: "production", HERALD_ENCRYPTION_KEY: "short" });
    expect(() => secrets()).toThrow(/HERALD_ENCRYPTION_KEY/);
  });
});
