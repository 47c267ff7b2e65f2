import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Sql } from "postgres";
import { dbKind, query, rawDb } from "./index";

/**
 * A hot statement whose text never changes, only its parameters: on Postgres it is prepared once
 * per pool connection (parsing and planning a statement of many CTEs costs about as much as
 * running it for a small batch) and later calls skip building it with drizzle too. PGlite (one
 * in-process connection) runs it as a plain query.
 *
 * `build` must use each of its parameters exactly once, in order, as a bound value: the text is
 * made once from markers and each call's arguments are sent as they are. Checked when first run.
 */
export function preparedStatement<P extends string[], T extends Record<string, unknown>>(build: (...params: P) => SQL): (...params: P) => Promise<T[]> {
  let text: string | undefined;
  return async (...params) => {
    if (dbKind() !== "postgres") return query<T>(build(...params));
    text ??= textOf(build);
    const client = (rawDb() as unknown as { $client: Sql }).$client;
    return (await client.unsafe(text, params, { prepare: true })) as unknown as T[];
  };
}

function textOf<P extends string[]>(build: (...params: P) => SQL): string {
  const markers = Array.from({ length: build.length }, (_, i) => `\u0000param${i}`) as P;
  const q = new PgDialect().sqlToQuery(build(...markers));
  if (q.params.length !== markers.length || q.params.some((p, i) => p !== markers[i])) {
    throw new Error("A prepared statement must bind each of its parameters once, in order.");
  }
  return q.sql;
}
