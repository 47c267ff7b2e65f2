/**
 * True when `e` is Postgres' unique_violation (23505), whichever driver raised it: postgres.js and
 * PGlite put the code on the error, drizzle wraps it in `cause`.
 */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  for (let cur: unknown = e, i = 0; cur && i < 4; cur = (cur as { cause?: unknown }).cause, i++) {
    const err = cur as { code?: string; constraint?: string; constraint_name?: string };
    if (err.code === "23505") return !constraint || (err.constraint ?? err.constraint_name) === constraint;
  }
  return false;
}
