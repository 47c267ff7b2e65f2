import { afterEach, describe, expect, it } from "vitest";
import { requestIp } from "@/lib/request-ip";

const saved = process.env.TRUSTED_PROXY_HOPS;
afterEach(() => {
  if (saved === undefined) delete process.env.TRUSTED_PROXY_HOPS;
  else process.env.TRUSTED_PROXY_HOPS = saved;
});

describe("requestIp", () => {
  it.each([
    // [hops, X-Forwarded-For, expected]
    ["1", "203.0.113.7", "203.0.113.7"],
    ["1", "6.6.6.6, 203.0.113.7", "203.0.113.7"], // the client forged the first entry; the proxy appended the real one
    ["2", "6.6.6.6, 203.0.113.7, 10.0.0.2", "203.0.113.7"],
    ["0", "203.0.113.7", "unknown"], // no proxy: the header is the client's own words
    ["1", "", "unknown"],
    ["1", "not an ip<script>", "unknown"],
  ])("hops %s, %j -> %s", (hops, header, expected) => {
    process.env.TRUSTED_PROXY_HOPS = hops;
    expect(requestIp(header)).toBe(expected);
  });

  it("falls back to X-Real-IP set by a trusted proxy when the chain is shorter than the hops", () => {
    process.env.TRUSTED_PROXY_HOPS = "2";
    expect(requestIp("203.0.113.7", "198.51.100.4")).toBe("198.51.100.4");
  });
});
