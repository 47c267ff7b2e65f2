import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { assertPublicDestination, isPrivateAddress } from "@/lib/sending/network-guard";

describe("provider network guard", () => {
  it.each([
    ["127.0.0.1", true],
    ["10.1.2.3", true],
    ["172.20.0.1", true],
    ["192.168.1.1", true],
    ["169.254.169.254", true],
    ["100.64.0.1", true],
    ["::1", true],
    ["fd00::1", true],
    ["::ffff:10.0.0.1", true],
    ["8.8.8.8", false],
    ["172.32.0.1", false],
    ["2606:4700:4700::1111", false],
  ])("%s private: %s", (ip, expected) => {
    expect(isPrivateAddress(ip)).toBe(expected);
  });

  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    resetEnvCache();
  });

  it("refuses private destinations in production only", async () => {
    await expect(assertPublicDestination("127.0.0.1")).resolves.toBeUndefined(); // tests talk to local fakes
    process.env = { ...saved, NODE_ENV: "production" };
    resetEnvCache();
    await expect(assertPublicDestination("169.254.169.254")).rejects.toThrow(/private address/);
    await expect(assertPublicDestination("localhost")).rejects.toThrow(/private address/);
    process.env.HERALD_ALLOW_PRIVATE_PROVIDERS = "1";
    await expect(assertPublicDestination("10.0.0.5")).resolves.toBeUndefined();
  });
});
