/** Only same-site paths may be a post-sign-in destination (no `//evil.example`, no absolute URLs). */
export function safeNext(next: unknown, fallback = "/o"): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return fallback;
  return next;
}
