import { sql, type SQL } from "drizzle-orm";
import { handle, type Db } from "./client";

export type { Db, Tx } from "./client";
export { closeDb } from "./client";

/**
 * The database. Postgres (postgres.js) when `DATABASE_URL` is set, PGlite otherwise.
 * Opened on first use, so importing this module at build time touches nothing.
 */
export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const real = handle().db as unknown as Record<PropertyKey, unknown>;
    const value = real[prop];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(real) : value;
  },
});

/** The driver's own instance, for libraries that check its class (the Auth.js adapter). */
export const rawDb = (): Db => handle().db;

/** Resolves once the database is open and every committed migration is applied. */
export function ensureDb(): Promise<void> {
  return handle().ready;
}

export const dbKind = () => handle().kind;

/** Rows of a raw `db.execute`, whichever driver answered (postgres.js: array; PGlite: `{ rows }`). */
export async function query<T extends Record<string, unknown>>(q: SQL, on: Pick<Db, "execute"> = db): Promise<T[]> {
  const res = (await on.execute(q)) as unknown as T[] | { rows: T[] };
  return Array.isArray(res) ? res : res.rows;
}

export { sql };
