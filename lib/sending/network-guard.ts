import { lookup } from "node:dns/promises";
import net from "node:net";
import { isProduction } from "@/lib/env";

/**
 * Provider connections name hosts an org admin typed in; Herald then connects to them from inside
 * its network. In production those hosts must be public, so a connection cannot be used to probe
 * or reach internal services (metadata endpoints, databases, admin ports). Development and tests
 * talk to local fakes, and `HERALD_ALLOW_PRIVATE_PROVIDERS=1` allows a self-hosted relay.
 * Residual risk: DNS can change between this check and the connection (rebinding); a
 * network-level egress policy is the complete answer.
 */
export async function assertPublicDestination(host: string): Promise<void> {
  if (!isProduction() || process.env.HERALD_ALLOW_PRIVATE_PROVIDERS === "1") return;
  const addresses = net.isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  const inside = addresses.find(isPrivateAddress);
  if (inside) throw new Error(`${host} resolves to a private address (${inside}); providers must be public hosts.`);
}

export function isPrivateAddress(ip: string): boolean {
  if (net.isIPv4(ip)) {
    const [a, b] = ip.split(".").map(Number);
    return (
      a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 198 && (b === 18 || b === 19)) || a >= 224
    );
  }
  const v6 = ip.toLowerCase();
  if (v6.startsWith("::ffff:")) return isPrivateAddress(v6.slice(7));
  return v6 === "::" || v6 === "::1" || v6.startsWith("fc") || v6.startsWith("fd") || v6.startsWith("fe8") || v6.startsWith("fe9") || v6.startsWith("fea") || v6.startsWith("feb") || v6.startsWith("ff");
}
